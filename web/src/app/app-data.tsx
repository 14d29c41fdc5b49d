import { createContext, useContext } from 'react'
import type { Catalog, MetricInfo, Settings } from '../api/types.js'

/** What every page needs: the catalogue, the settings and the rep names. */
export interface AppData {
  catalog: Catalog
  settings: Settings
  setSettings: (s: Settings) => void
  metric: (id: string) => MetricInfo | undefined
  /** The label of a dimension value (a rep's name for a rep id). */
  label: (dim: string, value: string | null) => string
}

export const AppDataContext = createContext<AppData | null>(null)

export function useAppData(): AppData {
  const value = useContext(AppDataContext)
  if (!value) throw new Error('useAppData outside AppDataContext')
  return value
}

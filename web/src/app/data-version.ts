import { createContext, useContext } from 'react'

/**
 * The server's data version (GET /api/status): every write moves it. Loads keyed on it
 * (useAsync adds it to every key) run again when an import lands, so the numbers on screen
 * follow the data without a page reload.
 */
export const DataVersionContext = createContext('')

export function useDataVersion(): string {
  return useContext(DataVersionContext)
}

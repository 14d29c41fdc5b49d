// The view every page computes with: the URL's view state, resolved against the settings.
import { useMemo } from 'react'
import { api } from '../api/client.js'
import type { Dimension, Filters, ResolvedPeriod } from '../api/types.js'
import { defaultPeriod } from '../period/period.js'
import { useAsync, type Async } from '../hooks/useAsync.js'
import { useAppData } from './app-data.js'
import { useLocation } from './router.js'
import { readView } from './url.js'

export interface View {
  /** The picker's value: a named period, or null for a custom range. */
  period: string | null
  custom: { from: string; to: string } | null
  by: Dimension | null
  /** The URL's filters, plus rep=<id> on a rep's scorecard. */
  filters: Filters
  /** The as-of date sent to the API: only when the URL sets one (else the server's today). */
  asOf: string | undefined
  /** The server's today, or the URL's as-of date. */
  today: string
}

export function useView(): View {
  const { params, route } = useLocation()
  const { settings } = useAppData()
  const key = params.toString() + (route.page === 'scorecard' ? route.repId : '')
  return useMemo(() => {
    const v = readView(params)
    const filters = route.page === 'scorecard' ? { ...v.filters, rep: [route.repId] } : v.filters
    const today = v.asOf ?? settings.as_of
    const period = v.custom
      ? null
      : (v.period ?? defaultPeriod(today, settings.fiscal_year_start_month))
    return { period, custom: v.custom, by: v.by, filters, asOf: v.asOf ?? undefined, today }
  }, [key, settings.as_of, settings.fiscal_year_start_month])
}

const resolved = new Map<string, ResolvedPeriod>()

/** The view's period as dates (GET /api/periods; a custom range needs no request). */
export function useResolvedPeriod(view: View): Async<ResolvedPeriod> & { reload: () => void } {
  // The fiscal year's first month is in the key: a named period resolves differently after it changes.
  const { settings } = useAppData()
  const key = view.custom
    ? `${view.custom.from}..${view.custom.to}`
    : `p:${view.period}:${settings.fiscal_year_start_month}`
  return useAsync(key, async (signal) => {
    if (view.custom) return { from: view.custom.from, to: view.custom.to, grain: 'all' as const }
    const cached = resolved.get(key)
    if (cached) return cached
    const p = await api.period(view.period ?? '', signal)
    resolved.set(key, p)
    return p
  })
}

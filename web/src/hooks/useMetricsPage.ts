// A page's numbers in ONE request (POST /api/metrics/batch): the period against the one before
// and a year ago, the trend of the last 8 periods, and the same grouped when a grouping is picked.
import { api } from '../api/client.js'
import type { Dimension, MetricQuery, ResolvedPeriod, ResultRow } from '../api/types.js'
import { useResolvedPeriod, useView, type View } from '../app/view.js'
import { trendRange } from '../period/period.js'
import { useAsync, type Async } from './useAsync.js'

export interface PageData {
  period: ResolvedPeriod
  trendPeriod: ResolvedPeriod
  /** The period, compared with the one before. */
  current: ResultRow[]
  /** The period, compared with the same period a year ago. */
  yearAgo: ResultRow[]
  /** The trend, ungrouped. */
  trend: ResultRow[]
  /** The period by the picked grouping (compared with the one before), or null. */
  grouped: ResultRow[] | null
  /** The trend by the picked grouping, when asked for. */
  groupedTrend: ResultRow[] | null
  /** The rows of the extra queries, in order. */
  extra: ResultRow[][]
}

export interface PageOptions {
  groupedTrend?: boolean
  /** Always group by these (a scorecard: ['rep'] with the rep's filter gives that rep's row). */
  baseBy?: Dimension[]
  extra?: (p: ResolvedPeriod, view: View) => MetricQuery[]
}

function buildQueries(metrics: string[], view: View, p: ResolvedPeriod, o: PageOptions) {
  const baseBy = o.baseBy ?? []
  const by = baseBy.length > 0 ? baseBy : undefined
  const base = { from: p.from, to: p.to, by, filters: view.filters, asOf: view.asOf }
  const t = trendRange(p)
  const trend = { ...base, metrics, from: t.from, to: t.to, grain: t.grain }
  const named: Record<string, MetricQuery> = {}
  if (metrics.length > 0) {
    named.current = { ...base, metrics, grain: 'all', compare: 'previous' }
    named.yearAgo = { ...base, metrics, grain: 'all', compare: 'year_ago' }
    named.trend = trend
    if (view.by && !baseBy.includes(view.by)) {
      const grouping = [...baseBy, view.by]
      named.grouped = { ...base, metrics, grain: 'all', by: grouping, compare: 'previous' }
      if (o.groupedTrend) named.groupedTrend = { ...trend, by: grouping }
    }
  }
  return { named, extra: o.extra?.(p, view) ?? [], trendPeriod: t }
}

export function useMetricsPage(
  metrics: string[],
  options: PageOptions = {},
): Async<PageData> & { reload: () => void } {
  const view = useView()
  const period = useResolvedPeriod(view)
  const p = period.status === 'ok' ? period.data : null
  const built = p ? buildQueries(metrics, view, p, options) : null
  const key = built && JSON.stringify(built)
  const state = useAsync(key, async (signal) => {
    if (!built || !p) throw new Error('no period')
    const names = Object.keys(built.named)
    const queries = [...Object.values(built.named), ...built.extra]
    const { results } = queries.length > 0 ? await api.batch(queries, signal) : { results: [] }
    const rows = (i: number) => results[i]?.rows ?? []
    const byName = (name: string) => {
      const i = names.indexOf(name)
      return i < 0 ? null : rows(i)
    }
    return {
      period: p,
      trendPeriod: built.trendPeriod,
      current: byName('current') ?? [],
      yearAgo: byName('yearAgo') ?? [],
      trend: byName('trend') ?? [],
      grouped: byName('grouped'),
      groupedTrend: byName('groupedTrend'),
      extra: built.extra.map((_, i) => rows(names.length + i)),
    }
  })
  if (period.status === 'error')
    return { status: 'error', error: period.error, reload: period.reload }
  return state
}

/** The rows of one metric. */
export const rowsOf = (rows: ResultRow[] | null, metric: string): ResultRow[] =>
  rows ? rows.filter((r) => r.metric === metric) : []

/** True when no metric has a value: the period (or slice) holds no data. */
export const isEmpty = (rows: ResultRow[]): boolean => rows.every((r) => r.value === null)

import type { ResultRow } from '../api/types.js'

export interface Bucket {
  start: string
  end: string
  /** The bucket runs to the as-of date: its point is a figure so far. */
  running: boolean
}

export interface Series {
  key: string
  name: string
  group: Record<string, string | null>
  /** One per bucket, undefined where the API gave no row. */
  rows: (ResultRow | undefined)[]
}

/** Cuts trend rows into buckets (x) and one series per group (a stage, a team...). */
export function buildSeries(
  rows: ResultRow[],
  groupName: (group: Record<string, string | null>) => string,
): { buckets: Bucket[]; series: Series[] } {
  const starts = [...new Set(rows.map((r) => r.period_start))].sort()
  const buckets = starts.map((start) => {
    const row = rows.find((r) => r.period_start === start)
    return { start, end: row?.period_end ?? start, running: row?.running === true }
  })
  const byKey = new Map<string, Series>()
  for (const r of rows) {
    // An empty bucket of a grouped query comes back as one placeholder row with a null group.
    const placeholder = r.value === null && Object.values(r.group).every((v) => v === null)
    if (placeholder && Object.keys(r.group).length > 0) continue
    const key = JSON.stringify(r.group)
    let s = byKey.get(key)
    if (!s) {
      s = { key, name: groupName(r.group), group: r.group, rows: buckets.map(() => undefined) }
      byKey.set(key, s)
    }
    s.rows[starts.indexOf(r.period_start)] = r
  }
  return { buckets, series: [...byKey.values()] }
}

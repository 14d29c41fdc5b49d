import type { ResultRow } from '../contracts/result-row.js'

/** A metric's row among a query's rows (the first, for an ungrouped query). */
export const metricRow = (rows: readonly ResultRow[] | undefined, id: string) =>
  rows?.find((r) => r.metric === id)

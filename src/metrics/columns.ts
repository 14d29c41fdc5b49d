import type { Row } from '../store/store.js'
import type { GroupValues } from './group-values.js'

/**
 * The column names compiled SQL and the code reading its rows agree on, written down
 * once: compile-sql.ts, the fact views and the nested inputs all name columns through these.
 *
 * - `idx`: the index of the planned period a row belongs to;
 * - `g0`, `g1`...: the values of the query's grouping dimensions, in `by` order;
 * - `dim_<d>`: a fact view's value of dimension d (grouping and filters read these);
 * - `<key>_value`, `<key>_sum`, `<key>_count`, `<key>_excluded`: a measure's aggregates.
 */
export const periodColumn = 'idx'
export const groupColumn = (i: number): string => `g${i}`
export const dimColumn = (dim: string): string => `dim_${dim}`
export type MeasurePart = 'value' | 'sum' | 'count' | 'excluded'
export const measureColumn = (key: string, part: MeasurePart): string => `${key}_${part}`

/** The group of a result row: g0.. read back under their dimension names. */
export function readGroup(row: Row, by: readonly string[]): GroupValues {
  return Object.fromEntries(by.map((d, i) => [d, (row[groupColumn(i)] as string | null) ?? null]))
}

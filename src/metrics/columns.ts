import type { Row } from '../store/store.js'
import type { GroupValues } from './group-values.js'

/**
 * The column names compiled SQL and the code reading its rows agree on, written down
 * once: compile-sql.ts, the fact views and the nested inputs all name columns through these.
 *
 * - `idx`: the index of the planned period a row belongs to;
 * - `g0`, `g1`...: the values of the query's grouping dimensions, in `by` order;
 * - `dim_<d>`: a fact view's value of dimension d (grouping and filters read these);
 * - `<key>_value`, `<key>_sum`, `<key>_count`, `<key>_excluded`: a measure's aggregates;
 * - `rep_set`, `rep_of_set`: 1 where a row is of a scan's per-rep grouping set (else 0), and its rep.
 */
export const periodColumn = 'idx'
export const groupColumn = (i: number): string => `g${i}`
export const dimColumn = (dim: string): string => `dim_${dim}`
export type MeasurePart = 'value' | 'sum' | 'count' | 'excluded'
export const measureColumn = (key: string, part: MeasurePart): string => `${key}_${part}`
/** A row of the per-rep grouping set a scan may add (see CompileInput.repSet), and its rep. */
export const repSetColumn = 'rep_set'
export const repOfSetColumn = 'rep_of_set'

/** The group of a result row: g0.. read back under their dimension names. */
export function readGroup(row: Row, by: readonly string[]): GroupValues {
  return Object.fromEntries(by.map((d, i) => [d, (row[groupColumn(i)] as string | null) ?? null]))
}

import type { MeasureInput, SourceName, Where } from './metric-schema.js'

type Options = Omit<MeasureInput, 'agg' | 'source' | 'column'>

/** Measure builders: they only build plain objects, validated with the metric. */
export const count = (
  source: SourceName,
  options: Options & { exclude?: Where } = {},
): MeasureInput => ({
  agg: 'count',
  source,
  ...options,
})
export const sum = (source: SourceName, column: string, options: Options = {}): MeasureInput => ({
  agg: 'sum',
  source,
  column,
  ...options,
})
export const mean = (
  source: SourceName,
  column: string,
  options: Options & { exclude?: Where } = {},
): MeasureInput => ({
  agg: 'mean',
  source,
  column,
  ...options,
})
export const countDistinct = (
  source: SourceName,
  column: string,
  options: Options = {},
): MeasureInput => ({
  agg: 'count_distinct',
  source,
  column,
  ...options,
})

/** A deal exported without an amount: counted in counts, left out of money (no_amount). */
const noAmount = { amount: { isNull: true } }

/** Won deals by close date; the building block of the outcome metrics. */
export const wonRevenue = sum('opportunities', 'amount_base', {
  date: 'closed_on',
  where: { status: 'won' },
  exclude: noAmount,
})
export const wonCount = count('opportunities', { date: 'closed_on', where: { status: 'won' } })
/** Won deals that carry an amount: a deal exported without one says nothing of deal size. */
export const wonWithAmountCount = count('opportunities', {
  date: 'closed_on',
  where: { status: 'won' },
  exclude: noAmount,
})
export const closedCount = count('opportunities', {
  date: 'closed_on',
  where: { status: ['won', 'lost'] },
})
export const createdCount = count('opportunities', { date: 'created_on' })
export const createdWonCount = count('opportunities', {
  date: 'created_on',
  where: { status: 'won' },
})
/**
 * Cycle of won deals. A deal created and closed the same day has a cycle of 0 days and
 * counts; a negative cycle (closed before created) is bad data, left out and counted.
 */
export const wonCycle = mean('opportunities', 'cycle_days', {
  date: 'closed_on',
  where: { status: 'won' },
  exclude: { cycle_days: { lt: 0 } },
})

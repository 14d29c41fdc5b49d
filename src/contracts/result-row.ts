import { z } from 'zod'
import { units } from './vocabulary.js'

/** Optional annotations: a CSV has their column only when some row carries them. */
const annotation = { csv: 'when_present' } as const

/**
 * One result (design.md §5): the JSON of the library, the CLI and the HTTP API, the CSV
 * header of `metrics --format csv`, the OpenAPI schema and the web client's type all come
 * from this schema.
 */
export const resultRowSchema = z.object({
  metric: z.string(),
  period_start: z.iso.date(),
  period_end: z.iso.date(),
  /** The row's slice: dimension -> value (null: records without one); stages add pipeline and stage. */
  group: z.record(z.string(), z.string().nullable()),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  unit: z.enum(units),
  /** Records left out of the value as bad data (e.g. negative cycles). */
  excluded: z.number().int(),
  /** Why value is null: no_closed_deals, zero_base, no_quota, unsupported_grouping... */
  reason: z.string().optional(),
  /** The value of the comparison period (--compare). */
  previous: z.number().nullable().optional(),
  /** value − previous: percentage points for ratios. */
  change: z.number().nullable().optional(),
  /** What the excluded records are (non_positive_cycle, no_amount); the metric's `excludes` says it in words. */
  excluded_reason: z.string().optional().meta(annotation),
  /** The target set for this metric, period and scope (company, or the rep or team grouped by). */
  target: z.number().optional().meta(annotation),
  /** The period contains the as-of date: its figures run to `through`. */
  running: z.literal(true).optional().meta(annotation),
  /** The last day a running period's figures include (the as-of date). */
  through: z.iso.date().optional().meta(annotation),
  /** The comparison period's numerator and denominator (--compare): how its value was made. */
  previous_numerator: z.number().optional().meta(annotation),
  previous_denominator: z.number().optional().meta(annotation),
  /** The day the like-for-like comparison period stopped: as many days from its start as this one has run. */
  previous_through: z.iso.date().optional().meta(annotation),
  /**
   * Running period: the share of its days gone by `through` — where progress towards a
   * target or quota should stand to finish on it.
   */
  pace: z.number().optional().meta(annotation),
  /** The first record the metric reads is dated after the start of the period it reads: its figures start then. */
  data_from: z.iso.date().optional().meta(annotation),
})
export type ResultRow = z.infer<typeof resultRowSchema>

/** The columns of a result row, in order. */
export const resultRowColumns = Object.keys(resultRowSchema.shape) as (keyof ResultRow)[]

/** The CSV header for these rows: every column, but annotations only where some row has one. */
export function csvColumns(rows: readonly ResultRow[]): (keyof ResultRow)[] {
  return resultRowColumns.filter((k) => {
    const meta = z.globalRegistry.get(resultRowSchema.shape[k]) as { csv?: string } | undefined
    return meta?.csv !== 'when_present' || rows.some((r) => r[k] !== undefined)
  })
}

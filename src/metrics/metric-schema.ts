import { z } from 'zod'

/** Dimensions a result can be grouped or filtered by. */
export const dimensions = [
  'rep',
  'team',
  'segment',
  'source',
  'product',
  'region',
  'pipeline',
] as const
export type Dimension = (typeof dimensions)[number]

export const units = ['currency', 'ratio', 'days', 'count', 'currency_per_day', 'hours'] as const
export type Unit = (typeof units)[number]

export const categories = ['revenue', 'conversion', 'pipeline', 'customers', 'team'] as const
export type Category = (typeof categories)[number]

export const sourceNames = [
  'opportunities',
  'leads',
  'spend',
  'activities',
  'work_time',
  'quotas',
  'reps',
] as const
export type SourceName = (typeof sourceNames)[number]

const scalar = z.union([z.string(), z.number(), z.boolean()])
/** Structured filter: a value, a list (IN), or null-ness. Values are always bound parameters. */
const condition = z.union([
  scalar,
  z.array(scalar).min(1),
  z.object({ isNull: z.boolean() }).strict(),
  z.object({ gt: z.number() }).strict(),
  z.object({ lte: z.number() }).strict(),
])
export const whereSchema = z.record(z.string(), condition)
export type Where = z.infer<typeof whereSchema>

/**
 * How a row belongs to a period:
 * - `in`: its `date` lies in the period;
 * - `to_ref`: its `date` lies from the period start up to (not including) the reference date;
 * - `open_at_ref`: its `date` lies in the period and it was open at the reference date;
 * - `overlap`: its [period_start, period_end] overlaps the period; sums are prorated by days;
 * - `overlap_to_date`: the same, up to the as-of date while the period runs (spend and hours
 *   of days still to come do not count yet);
 * - `active`: its [active_from, active_to] overlaps the period (open ends are unbounded).
 */
export const windowSchema = z.enum([
  'in',
  'to_ref',
  'open_at_ref',
  'overlap',
  'overlap_to_date',
  'active',
])

export const measureSchema = z
  .object({
    agg: z.enum(['count', 'sum', 'mean', 'count_distinct']),
    source: z.enum(sourceNames),
    window: windowSchema.default('in'),
    date: z.string().optional(),
    column: z.string().optional(),
    where: whereSchema.default({}),
    /** Rows matching this are left out of a mean or count and counted as `excluded`. */
    exclude: whereSchema.optional(),
  })
  .strict()
  .refine((m) => m.agg === 'count' || m.column !== undefined, {
    message: 'sum, mean and count_distinct need a column',
  })
  .refine((m) => !['in', 'to_ref', 'open_at_ref'].includes(m.window) || m.date !== undefined, {
    message: 'windows in, to_ref and open_at_ref need a date column',
  })
export type Measure = z.output<typeof measureSchema>
export type MeasureInput = z.input<typeof measureSchema>

/** What a metric evaluation yields for one period and group. */
export interface MetricValue {
  value: number | null
  numerator?: number | null
  denominator?: number | null
  reason?: string
  excluded?: number
}

/** A measure's value for a period and group: a number, or sum and count for a mean. */
export interface MeasureValue {
  value: number
  /** For means: the sum and the count behind the mean, and rows left out. */
  sum: number
  count: number
  excluded: number
}

export interface EvalContext {
  /** The named measure of this metric, for the period (shift 0) or the one before it (-1). */
  m(name: string, shift?: 0 | -1): MeasureValue
  /** Length of the evaluated period in days. */
  days: number
  /** Whole months in the period (fractional for partial months). */
  months: number
  settings: { customer_lifetime_years: number | null }
  /** The dimensions the result is grouped by. */
  groupedBy: readonly string[]
  /** Extra inputs computed by special measures (customers, funnel...), keyed by name. */
  special(name: string, shift?: 0 | -1): Record<string, number | null>
}

/** A measure's name, or the records of a special input (`lost` customers, reps `attained`...). */
const drillSchema = z.union([
  z.string(),
  z
    .object({ special: z.enum(['customers', 'quota_attainment', 'funnel']), records: z.string() })
    .strict(),
])
export type Drill = z.infer<typeof drillSchema>

const names = z.object({ en: z.string().min(1), pl: z.string().min(1) }).strict()

export const metricSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    names,
    category: z.enum(categories),
    unit: z.enum(units),
    direction: z.enum(['higher', 'lower']),
    help: z.string().min(20),
    /** The formula as shown by --explain, with {numerator} and {denominator} to fill in. */
    formula: z.string().min(3),
    /** The help text and the formula in Polish (the interface's second language). */
    pl: z.object({ help: z.string().min(20), formula: z.string().min(3) }).strict(),
    /** What the rows counted as `excluded` are: a reason code and its words in both languages. */
    excludes: z
      .object({
        reason: z.string().regex(/^[a-z_]+$/),
        en: z.string().min(10),
        pl: z.string().min(10),
      })
      .strict()
      .optional(),
    groupings: z.array(z.enum(dimensions)),
    measures: z.record(z.string(), measureSchema),
    /** Inputs that are not plain measures (customer snapshots, quota per rep, forecasts, stage funnel). */
    specials: z
      .array(z.enum(['customers', 'quota_attainment', 'forecast', 'funnel', 'selling_time']))
      .default([]),
    /** Evaluated at the period before too (growth); the planner adds those periods. */
    needsPrevious: z.boolean().default(false),
    evaluate: z.custom<(ctx: EvalContext) => MetricValue>((v) => typeof v === 'function'),
    /**
     * The measure whose records are behind the numerator and the denominator, for the
     * drill-down (a count measure lists exactly as many records as it counts).
     */
    drill: z
      .object({ numerator: drillSchema.optional(), denominator: drillSchema.optional() })
      .strict()
      .default({}),
    /** Stage metrics give one row per stage. */
    perStage: z.boolean().default(false),
  })
  .strict()
export type MetricDefinition = z.output<typeof metricSchema>
export type MetricInput = z.input<typeof metricSchema>

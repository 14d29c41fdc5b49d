import { z } from 'zod'
import {
  categories,
  dimensions,
  directions,
  units,
  type Dimension,
  type Direction,
} from '../contracts/vocabulary.js'
import type { NestedName } from './nested/values.js'
import type { Expr, MetricValue, Shape } from './shapes.js'

export { categories, dimensions, directions, units }
export type { Category, Dimension, Direction, Unit } from '../contracts/vocabulary.js'

/** The fact views a measure can read (see fact-views/). */
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
  z.object({ lt: z.number() }).strict(),
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
    /** Rows matching this are left out of the aggregate and counted as `excluded`. */
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

const words = z.object({ en: z.string().min(1), pl: z.string().min(1) }).strict()
export type Words = z.infer<typeof words>

/** What a metric declares: data only; catalog.ts validates it and compiles a MetricDefinition. */
export const declarationSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    names: words,
    category: z.enum(categories),
    unit: z.enum(units),
    direction: z.enum(directions),
    help: z.string().min(20),
    /** The help text in Polish (the interface's second language). */
    pl: z.object({ help: z.string().min(20) }).strict(),
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
    measures: z.record(z.string(), measureSchema).default({}),
    /** How the value follows from the measures; checked against them in catalog.ts. */
    value: z.custom<Shape<string>>((v) => typeof v === 'object' && v !== null && 'shape' in v),
    /** Stage metrics give one row per stage. */
    perStage: z.boolean().default(false),
    /**
     * The value builds up over the period (revenue, leads qualified, quota attained): on a
     * running period its rows carry the pace — the share of the period gone.
     */
    accumulates: z.boolean().default(false),
    /** A rule of thumb the dashboard marks (pipeline coverage: 3×), with its words. */
    reference: z
      .object({ value: z.number(), en: z.string().min(3), pl: z.string().min(3) })
      .strict()
      .optional(),
  })
  .strict()

/**
 * A metric declaration as written in catalog/: its measure names are checked by the
 * compiler (`value` may only name measures declared in `measures`).
 *
 * @example
 * defineMetric({ ..., measures: { won: wonCount, closed: closedCount },
 *   value: { shape: 'ratio', numerator: 'won', denominator: 'closed', reason: 'no_closed_deals', words } })
 */
export type Declaration<M extends string = string> = Omit<
  z.input<typeof declarationSchema>,
  'measures' | 'value'
> & {
  measures?: Record<M, MeasureInput>
  value: Shape<M>
}

/** Where the records behind a numerator or denominator come from, for the drill-down. */
export type Drill = { measure: string } | { nested: NestedName; records: string }

/** A validated metric: the declaration plus everything derived from its shape. */
export interface MetricDefinition {
  id: string
  names: Words
  category: (typeof categories)[number]
  unit: (typeof units)[number]
  direction: Direction
  help: string
  /** The formula with {numerator} and {denominator} to fill in (English), from the shape. */
  formula: string
  pl: { help: string; formula: string }
  excludes?: { reason: string; en: string; pl: string }
  groupings: Dimension[]
  measures: Record<string, Measure>
  /** The measure whose left-out rows the result counts as `excluded` (the one with an `exclude`). */
  excludedBy?: string
  /** The nested inputs its shape reads (customers, funnel...). */
  nested: NestedName[]
  /** Evaluated at the period before too (growth); the planner adds those periods. */
  needsPrevious: boolean
  perStage: boolean
  accumulates: boolean
  reference?: { value: number; en: string; pl: string }
  drill: { numerator?: Drill; denominator?: Drill }
  /** The drill where rows grouped by rep have their own value (a rep's attainment). */
  drillPerRep?: { numerator?: Drill; denominator?: Drill }
  value: Shape<string>
  /** The formula for rows grouped by these dimensions (quota attainment per rep differs). */
  formulaFor(by: readonly string[]): Words
}

export type { Expr, MetricValue }

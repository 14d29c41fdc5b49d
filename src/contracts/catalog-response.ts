import { z } from 'zod'
import { categories, dimensions, directions, units } from './vocabulary.js'

const words = z.object({ en: z.string(), pl: z.string() })

/** One metric as the dashboard sees it: labels, formats, help texts and what can be drilled. */
export const metricInfoSchema = z.object({
  id: z.string(),
  names: words,
  category: z.enum(categories),
  unit: z.enum(units),
  direction: z.enum(directions),
  groupings: z.array(z.enum(dimensions)),
  help: z.string(),
  /** The formula with {numerator} and {denominator} to fill in. */
  formula: z.string(),
  help_pl: z.string(),
  formula_pl: z.string(),
  /** Which parts have records behind them. */
  drill: z.object({ numerator: z.boolean(), denominator: z.boolean() }),
  /** Stage metrics: one row per stage. */
  per_stage: z.boolean(),
  /** Builds up over the period: on a running one a target is judged against the pace. */
  accumulates: z.boolean(),
  /**
   * What each part counts, in words ("won", "closed"): the drill-down's tabs. `per_rep`: the
   * words when grouped by rep, where they differ (quota attainment: won revenue / quota).
   */
  parts: z.object({
    numerator: words.nullable(),
    denominator: words.nullable(),
    per_rep: z.object({ numerator: words, denominator: words.nullable() }).nullable(),
  }),
  /** A rule of thumb to mark (pipeline coverage: 3×). */
  reference: z.object({ value: z.number(), en: z.string(), pl: z.string() }).nullable(),
})
export type MetricInfo = z.infer<typeof metricInfoSchema>

/** GET /api/catalog */
export const catalogResponseSchema = z.object({
  metrics: z.array(metricInfoSchema),
  starter: z.array(z.string()),
  dimensions: z.array(z.enum(dimensions)),
  categories: z.array(z.enum(categories)),
})
export type CatalogResponse = z.infer<typeof catalogResponseSchema>

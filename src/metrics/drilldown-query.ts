import { z } from 'zod'
import { isoDateSchema } from './iso-date.js'
import { parseOrThrow } from '../validation.js'
import { dimensions } from './metric-schema.js'

/** A drill-down request: which part of which result row, and which page of its records. */
export const drilldownQuerySchema = z
  .object({
    metric: z.string(),
    from: isoDateSchema,
    to: isoDateSchema,
    part: z.enum(['numerator', 'denominator']),
    // The row's group: its dimensions, and for stage metrics its pipeline and stage.
    group: z
      .record(z.string(), z.string().nullable())
      .refine(
        (g) =>
          Object.keys(g).every(
            (k) => k === 'stage' || (dimensions as readonly string[]).includes(k),
          ),
        { message: 'group keys are dimensions (or stage)' },
      )
      .default({}),
    filters: z.partialRecord(z.enum(dimensions), z.array(z.string()).min(1)).default({}),
    asOf: isoDateSchema,
    page: z.coerce.number().int().min(1).default(1),
    page_size: z.coerce.number().int().min(1).max(1000).default(50),
    sort: z.string().optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
    /** Whether to compute the result row too; a caller that already has it says false. */
    row: z.boolean().default(true),
  })
  .strict()
export type DrilldownQuery = z.input<typeof drilldownQuerySchema>
export type ParsedDrilldown = z.output<typeof drilldownQuerySchema>

export function parseDrilldown(input: DrilldownQuery): ParsedDrilldown {
  return parseOrThrow(drilldownQuerySchema, input, 'drill-down')
}

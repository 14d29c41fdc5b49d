import { z } from 'zod'
import { isoDateSchema } from './iso-date.js'
import { MiernikError } from '../errors.js'
import { parseOrThrow } from '../validation.js'
import { dimensions } from './metric-schema.js'

/** The query of compute(): the same shape for the library, the CLI and the HTTP API. */
export const metricQuerySchema = z
  .object({
    metrics: z.array(z.string()).min(1),
    from: isoDateSchema,
    to: isoDateSchema,
    grain: z.enum(['month', 'quarter', 'year', 'all']).default('all'),
    by: z.array(z.enum(dimensions)).max(2).default([]),
    filters: z.partialRecord(z.enum(dimensions), z.array(z.string()).min(1)).default({}),
    compare: z.enum(['previous', 'year_ago']).optional(),
    /** The date the data is read as of: records created later do not exist for the query. */
    asOf: isoDateSchema,
    /**
     * Forecast metrics judge the latest forecast made before this date, instead of the
     * latest made before each period began (the call a month earlier, a mid-quarter commit).
     */
    forecastMadeBefore: isoDateSchema.optional(),
  })
  .strict()
export type MetricQuery = z.input<typeof metricQuerySchema>
export type ParsedQuery = z.output<typeof metricQuerySchema>

export function parseQuery(query: MetricQuery): ParsedQuery {
  const parsed = parseOrThrow(metricQuerySchema, query, 'metrics query')
  // A metric asked twice is computed and returned once.
  parsed.metrics = [...new Set(parsed.metrics)]
  if (parsed.to < parsed.from) {
    throw new MiernikError(
      'INVALID_PERIOD',
      `the period ends (${parsed.to}) before it starts (${parsed.from})`,
    )
  }
  return parsed
}

import { z } from 'zod'

/** GET /api/quality: the data-quality checks with their counts and first records. */
export const qualityResponseSchema = z.object({
  as_of: z.string(),
  stale_days: z.number().int(),
  duplicate_days: z.number().int(),
  checks: z.array(
    z.object({
      id: z.string(),
      description: z.object({ en: z.string(), pl: z.string() }),
      severity: z.enum(['error', 'warning', 'info']),
      /** Every record with the problem, whatever `limit`. */
      count: z.number().int(),
      /** The first `limit` records: entity, id, the fields that show the problem and `detail`. */
      records: z.array(
        z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      ),
    }),
  ),
})
export type QualityResponse = z.infer<typeof qualityResponseSchema>

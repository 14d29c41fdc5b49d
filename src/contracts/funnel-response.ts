import { z } from 'zod'

/** One stage of a pipeline's funnel. */
export const funnelStageSchema = z.object({
  stage: z.string(),
  position: z.number(),
  /** Opportunities of the cohort that reached the stage (or a later one). */
  reached: z.number(),
  /** Their amount in the base currency. */
  amount: z.number(),
  next_reached: z.number().nullable(),
  /** Share reaching the next stage; null at the last one. */
  conversion: z.number().nullable(),
  /** Share of the first stage's deals that reached this one. */
  cumulative: z.number().nullable(),
  /** Deals that stopped here: reached − next_reached. */
  drop_off: z.number().nullable(),
  /** Of those, lost here (as of), and still open in this stage: a leak against a queue. */
  lost: z.number().nullable(),
  still_open: z.number().nullable(),
  /** Why the deals lost here were lost, most frequent first (null: no reason given). */
  lost_reasons: z.array(z.object({ reason: z.string().nullable(), count: z.number().int() })),
  /** Mean days in the stage over finished visits. */
  mean_days: z.number().nullable(),
})
export type FunnelStage = z.infer<typeof funnelStageSchema>

/** GET /api/funnel */
export const funnelResponseSchema = z.object({
  pipelines: z.array(z.object({ pipeline: z.string(), stages: z.array(funnelStageSchema) })),
})
export type FunnelResponse = z.infer<typeof funnelResponseSchema>

import { Hono } from 'hono'
import { z } from 'zod'
import { compute, computeMany } from '../../metrics/compute.js'
import { metricQuerySchema } from '../../metrics/query-schema.js'
import { readSettings } from '../../store/settings.js'
import type { ServerContext } from '../context.js'
import { parseOrThrow } from '../../validation.js'
import { jsonBody } from './read-query.js'

/** A metrics query over HTTP: the library's query, with as-of defaulting to today. */
export const apiQuerySchema = metricQuerySchema.extend({
  asOf: metricQuerySchema.shape.asOf.optional(),
})
export const batchSchema = z.object({ queries: z.array(z.unknown()).min(1).max(50) }).strict()

export function metricsRoutes(ctx: ServerContext): Hono {
  const run = async (value: unknown, settings: Awaited<ReturnType<typeof readSettings>>) => {
    const q = parseOrThrow(apiQuerySchema, value, 'query')
    return { rows: await compute(ctx.store, { ...q, asOf: q.asOf ?? ctx.today() }, settings) }
  }
  return (
    new Hono()
      .post('/', async (c) => c.json(await run(await jsonBody(c), await readSettings(ctx.store))))
      // The queries a page needs together, answered together (one round trip, one settings read).
      .post('/batch', async (c) => {
        const { queries } = parseOrThrow(batchSchema, await jsonBody(c), 'batch')
        const parsed = queries.map((q) => parseOrThrow(apiQuerySchema, q, 'query'))
        // Queries with the same grouping, filters and as-of date share one computation.
        const rows = await computeMany(
          ctx.store,
          parsed.map((q) => ({ ...q, asOf: q.asOf ?? ctx.today() })),
          await readSettings(ctx.store),
        )
        return c.json({ results: rows.map((r) => ({ rows: r })) })
      })
  )
}

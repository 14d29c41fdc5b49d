import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { ResultRow } from '../../contracts/result-row.js'
import { computeMany } from '../../metrics/compute.js'
import { parseQuery, metricQuerySchema } from '../../metrics/query-schema.js'
import { dataVersion } from '../../store/data-version.js'
import { readSettings } from '../../store/settings.js'
import { parseOrThrow } from '../../validation.js'
import { scopeQuery } from '../../access/scope.js'
import { scopeOf } from '../access.js'
import type { AppContext } from '../context.js'
import { checkWork } from '../work-limit.js'
import { jsonBody } from './read-query.js'

/** A metrics query over HTTP: the library's query, with as-of defaulting to today. */
export const apiQuerySchema = metricQuerySchema.extend({
  asOf: metricQuerySchema.shape.asOf.optional(),
})
export const batchSchema = z.object({ queries: z.array(z.unknown()).min(1).max(50) }).strict()

export function metricsRoutes(ctx: AppContext): Hono {
  /**
   * The rows of some queries: checked for size, answered from the cache while the data
   * has not changed, else computed through the gate (a bounded number at once), stopped
   * when the client goes away.
   */
  const answer = async (c: Context, values: unknown[]): Promise<ResultRow[][]> => {
    const scope = await scopeOf(c, ctx.store)
    // The user's scope goes into each query's filters before it is parsed: the cache key is
    // the parsed query, so each scope is answered and cached apart.
    const queries = values.map((v) => {
      const q = scopeQuery(parseOrThrow(apiQuerySchema, v, 'query'), scope)
      return parseQuery({ ...q, asOf: q.asOf ?? ctx.today() })
    })
    const settings = await readSettings(ctx.store)
    checkWork(queries, settings.fiscal_year_start_month)
    const version = await dataVersion(ctx.store)
    const signal = c.req.raw.signal
    return ctx.cache.get(
      version,
      JSON.stringify([settings, queries]),
      (stop) =>
        ctx.gate.run(stop, () => computeMany(ctx.store, queries, settings, { signal: stop })),
      signal,
    )
  }
  return (
    new Hono()
      .post('/', async (c) => {
        const [rows] = await answer(c, [await jsonBody(c)])
        return c.json({ rows })
      })
      // The queries a page needs together, answered together (one round trip); queries with
      // the same grouping, filters and as-of date share one computation.
      .post('/batch', async (c) => {
        const { queries } = parseOrThrow(batchSchema, await jsonBody(c), 'batch')
        const rows = await answer(c, queries)
        return c.json({ results: rows.map((r) => ({ rows: r })) })
      })
  )
}

import { Hono } from 'hono'
import { dimensions, type Dimension } from '../../metrics/metric-schema.js'
import type { ServerContext } from '../context.js'
import { HttpError } from '../http-errors.js'

/** Where the values of each dimension live (labels for reps are their names). */
const valuesSql: Record<Dimension, string> = {
  rep: `SELECT id AS value, COALESCE(name, id) AS label FROM reps
        UNION SELECT DISTINCT owner_id, owner_id FROM opportunities WHERE owner_id IS NOT NULL AND owner_id NOT IN (SELECT id FROM reps)`,
  // Teams now and in the history: a team that no longer exists still has a past.
  team: 'SELECT DISTINCT team AS value, team AS label FROM (SELECT team FROM reps UNION SELECT team FROM rep_teams) t WHERE team IS NOT NULL',
  segment:
    'SELECT DISTINCT segment AS value, segment AS label FROM accounts WHERE segment IS NOT NULL',
  region: 'SELECT DISTINCT region AS value, region AS label FROM accounts WHERE region IS NOT NULL',
  source: `SELECT DISTINCT source AS value, source AS label FROM opportunities WHERE source IS NOT NULL
           UNION SELECT DISTINCT source, source FROM leads WHERE source IS NOT NULL`,
  product:
    'SELECT DISTINCT product AS value, product AS label FROM opportunities WHERE product IS NOT NULL',
  pipeline:
    'SELECT DISTINCT pipeline AS value, pipeline AS label FROM opportunities WHERE pipeline IS NOT NULL',
}

/** The values a filter can take, for the dashboard's pickers. */
export function dimensionRoutes(ctx: ServerContext): Hono {
  return new Hono().get('/:dim', async (c) => {
    const dim = c.req.param('dim')
    if (!(dimensions as readonly string[]).includes(dim)) {
      throw new HttpError(
        404,
        'NOT_FOUND',
        `unknown dimension '${dim}'; known: ${dimensions.join(', ')}`,
      )
    }
    const rows = await ctx.store.query(
      `SELECT value, label FROM (${valuesSql[dim as Dimension]}) v ORDER BY label, value`,
    )
    return c.json({ values: rows.map((r) => ({ value: String(r.value), label: String(r.label) })) })
  })
}

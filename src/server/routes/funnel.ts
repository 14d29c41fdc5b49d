import { Hono } from 'hono'
import { funnelView } from '../../metrics/funnel-view.js'
import type { Dimension } from '../../metrics/metric-schema.js'
import { readSettings } from '../../store/settings.js'
import { scopeQuery } from '../../access/scope.js'
import { scopeOf } from '../access.js'
import type { ServerContext } from '../context.js'
import { jsonParam } from './read-query.js'

/** The stage funnel of the opportunities created in a period, per pipeline. */
export function funnelRoutes(ctx: ServerContext): Hono {
  return new Hono().get('/', async (c) => {
    const q = c.req.query()
    const settings = await readSettings(ctx.store)
    return c.json(
      await funnelView(
        ctx.store,
        scopeQuery(
          {
            from: q.from ?? '',
            to: q.to ?? '',
            filters: (jsonParam(c, 'filters') ?? {}) as Partial<Record<Dimension, string[]>>,
            asOf: q.asOf ?? ctx.today(),
            ...(q.pipeline ? { pipeline: q.pipeline } : {}),
          },
          await scopeOf(c, ctx.store),
        ),
        settings,
      ),
    )
  })
}

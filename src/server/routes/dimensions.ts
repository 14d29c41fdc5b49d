import { Hono } from 'hono'
import { dimensions, type Dimension } from '../../metrics/metric-schema.js'
import { dimensionValues } from '../../metrics/dimension-values.js'
import { scopeDimensionValues } from '../../access/scope.js'
import { scopeOf } from '../access.js'
import type { ServerContext } from '../context.js'
import { HttpError } from '../http-errors.js'

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
    const values = await dimensionValues(ctx.store, dim as Dimension)
    // A rep does not learn the names of the reps they may not see.
    return c.json({
      values: scopeDimensionValues(dim as Dimension, values, await scopeOf(c, ctx.store)),
    })
  })
}

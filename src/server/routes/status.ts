import { Hono } from 'hono'
import type { StatusResponse } from '../../contracts/status-response.js'
import { holdsData } from '../../store/copy-database.js'
import { dataVersion } from '../../store/data-version.js'
import { readDemoMark } from '../../store/demo-mark.js'
import type { ServerContext } from '../context.js'

/** GET /api/status: cheap enough to poll; the dashboard refetches when data_version moves. */
export function statusRoutes(ctx: ServerContext): Hono {
  return new Hono().get('/', async (c) => {
    const body: StatusResponse = {
      data_version: await dataVersion(ctx.store),
      as_of: ctx.today(),
      has_data: await holdsData(ctx.store),
      demo: await readDemoMark(ctx.store),
    }
    c.header('cache-control', 'no-store')
    return c.json(body)
  })
}

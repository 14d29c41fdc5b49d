import { Hono } from 'hono'
import { parsePeriod } from '../../metrics/periods.js'
import { readSettings } from '../../store/settings.js'
import type { ServerContext } from '../context.js'

/** Resolves a period name (2026-Q2, FY2026-Q1, 2026-05, 2026) to dates, with the fiscal setting. */
export function periodRoutes(ctx: ServerContext): Hono {
  return new Hono().get('/', async (c) => {
    const settings = await readSettings(ctx.store)
    return c.json(parsePeriod(c.req.query('period') ?? '', settings.fiscal_year_start_month))
  })
}

import { Hono } from 'hono'
import { z } from 'zod'
import { catalog, starterMetrics } from '../../metrics/catalog.js'
import { readSettings, settingKeys, writeSetting } from '../../store/settings.js'
import { audit } from '../../auth/audit.js'
import { principalOf } from '../access.js'
import type { ServerContext } from '../context.js'
import { HttpError } from '../http-errors.js'
import type { WorkQueue } from '../work-queue.js'
import { jsonBody } from './read-query.js'

const known = new Set(catalog.map((m) => m.id))
const putSchema = z
  .object({ value: z.union([z.string(), z.number(), z.null(), z.array(z.string())]) })
  .strict()

/**
 * Settings, plus the tracked metrics of the home page (the starter seven until changed).
 * A change is a write transaction: it waits its turn in `writes` behind imports (DuckDB's
 * one connection cannot begin a transaction inside an import's).
 */
export function settingsRoutes(ctx: ServerContext, writes: WorkQueue): Hono {
  const view = async () => {
    const s = await readSettings(ctx.store)
    return {
      ...s,
      tracked_metrics: s.tracked_metrics.length ? s.tracked_metrics : [...starterMetrics],
      as_of: ctx.today(),
    }
  }
  return new Hono()
    .get('/', async (c) => c.json(await view()))
    .put('/:key', async (c) => {
      const key = c.req.param('key')
      if (!(settingKeys as string[]).includes(key)) {
        throw new HttpError(
          404,
          'NOT_FOUND',
          `unknown setting '${key}'; known: ${settingKeys.join(', ')}`,
        )
      }
      // Where mail goes decides where the SMTP password (from the environment) is sent.
      if (key.startsWith('smtp_') && principalOf(c).user.role !== 'admin')
        throw new HttpError(403, 'FORBIDDEN', 'only admin users may change the SMTP settings')
      const parsed = putSchema.safeParse(await jsonBody(c))
      if (!parsed.success)
        throw new HttpError(400, 'INVALID_SETTING', 'expected a body {"value": ...}')
      const value = parsed.data.value
      if (key === 'tracked_metrics') {
        const ids = Array.isArray(value) ? value : String(value ?? '').split(',')
        const unknown = ids.map((x) => x.trim()).filter((id) => id && !known.has(id))
        if (unknown.length)
          throw new HttpError(400, 'METRIC_NOT_FOUND', `unknown metric ${unknown.join(', ')}`)
        await writes.run(() => writeSetting(ctx.store, key, ids.join(',')))
      } else {
        await writes.run(() => writeSetting(ctx.store, key, value === null ? '' : String(value)))
      }
      await audit(
        ctx.store,
        {
          actor: principalOf(c).user.email,
          action: 'setting_change',
          target: key,
          ok: true,
          detail: JSON.stringify(value).slice(0, 500),
        },
        new Date(),
      )
      return c.json(await view())
    })
}

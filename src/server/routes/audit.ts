import { Hono } from 'hono'
import { readAudit } from '../../auth/audit.js'
import type { ServerContext } from '../context.js'
import { HttpError } from '../http-errors.js'
import { requireRole } from '../access.js'

/** GET /api/audit: the latest entries of the audit log (admins only), newest first. */
export function auditRoutes(ctx: ServerContext): Hono {
  return new Hono().get('/', requireRole('admin'), async (c) => {
    const q = c.req.query()
    const limit = q.limit === undefined ? 200 : Number(q.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      throw new HttpError(400, 'INVALID_QUERY', 'limit must be a whole number from 1 to 10000')
    }
    if (q.action !== undefined && !/^[a-z_]{1,40}$/.test(q.action)) {
      throw new HttpError(400, 'INVALID_QUERY', 'action is a word like sign_in or user_add')
    }
    const entries = await readAudit(ctx.store, { limit, ...(q.action ? { action: q.action } : {}) })
    return c.json({ entries })
  })
}

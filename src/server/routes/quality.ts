import { Hono } from 'hono'
import type { QualityResponse } from '../../contracts/quality-response.js'
import { qualityReport, recordDetail } from '../../quality/report.js'
import { scopeQualityOptions } from '../../access/scope.js'
import { scopeOf } from '../access.js'
import type { ServerContext } from '../context.js'
import { HttpError } from '../http-errors.js'

/** Records per check the dashboard lists (the count is always the full count). */
const DEFAULT_LIMIT = 200

/**
 * GET /api/quality: what `miernik quality` reports, as of today or `asOf`, with each record's
 * detail line; the pipeline page shows the counts and lists the records behind each.
 */
export function qualityRoutes(ctx: ServerContext): Hono {
  return new Hono().get('/', async (c) => {
    const q = c.req.query()
    const limit = q.limit === undefined ? DEFAULT_LIMIT : Number(q.limit)
    if (!Number.isInteger(limit) || limit < 0 || limit > 1000) {
      throw new HttpError(400, 'INVALID_QUERY', 'limit must be a whole number from 0 to 1000')
    }
    const report = await qualityReport(
      ctx.store,
      scopeQualityOptions({ asOf: q.asOf ?? ctx.today(), limit }, await scopeOf(c, ctx.store)),
    )
    const body: QualityResponse = {
      as_of: report.as_of,
      stale_days: report.stale_days,
      duplicate_days: report.duplicate_days,
      checks: report.checks.map((check) => ({
        id: check.id,
        description: { en: check.description, pl: check.description_pl },
        severity: check.severity,
        count: check.count,
        records: check.records.map((r) => ({ ...r, detail: recordDetail(check.id, r) })),
      })),
    }
    return c.json(body)
  })
}

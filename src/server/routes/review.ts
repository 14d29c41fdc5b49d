import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { scopeQuery, type AccessScope } from '../../access/scope.js'
import { audit } from '../../auth/audit.js'
import type { Dimension } from '../../metrics/metric-schema.js'
import { buildReview } from '../../review/build-review.js'
import type { ReviewPack } from '../../review/pack.js'
import { reviewDocument, type Lang } from '../../review/render/document.js'
import { renderReview, reviewFormats, type ReviewFormat } from '../../review/render/render-pack.js'
import { chartSvg } from '../../review/render/svg-charts.js'
import { makeFormatter } from '../../format/number-format.js'
import { listReviews, loadReview, restatements, saveReview } from '../../review/saved-reviews.js'
import { principalOf, requireRole, scopeOf } from '../access.js'
import type { ServerContext } from '../context.js'
import { HttpError } from '../http-errors.js'
import { jsonBody, jsonParam } from './read-query.js'

const langOf = (c: Context): Lang => (c.req.query('lang') === 'pl' ? 'pl' : 'en')

/**
 * The review pack of the dashboard's period, computed through the user's scope (a rep's pack
 * is their numbers), as JSON with its document (the blocks the PDF shows, charts as SVG), or
 * exported; saved reviews listed (those within the user's scope), saved and shown as saved.
 */
export function reviewRoutes(ctx: ServerContext): Hono {
  const build = async (c: Context): Promise<ReviewPack> => {
    const q = c.req.query()
    const asOf = q.asOf ?? ctx.today()
    const period = q.period
    if (!period) throw new HttpError(400, 'INVALID_QUERY', 'name the period: ?period=2026-Q3')
    const filters = (jsonParam(c, 'filters') ?? {}) as Partial<Record<Dimension, string[]>>
    const scoped = scopeQuery({ filters }, await scopeOf(c, ctx.store))
    return buildReview(
      ctx.store,
      { period, asOf, byTeam: q.by === 'team' },
      { filters: scoped.filters as Record<string, string[]> },
    )
  }
  return new Hono()
    .get('/review', async (c) => {
      const pack = await build(c)
      return c.json({ pack, document: withSvg(pack, langOf(c)) })
    })
    .get('/review/export', async (c) => exportOf(c, await build(c)))
    .get('/reviews', async (c) => {
      const scope = await scopeOf(c, ctx.store)
      const list = (await listReviews(ctx.store)).filter((r) =>
        visible(JSON.parse(r.filters), scope),
      )
      return c.json({ reviews: list.map(({ filters: _, ...r }) => r) })
    })
    .post('/reviews', requireRole('admin', 'manager'), async (c) => {
      const body = z
        .object({
          period: z.string().min(4).max(20),
          filters: z.record(z.string(), z.array(z.string())).optional(),
        })
        .strict()
        .safeParse(await jsonBody(c))
      if (!body.success) throw new HttpError(400, 'INVALID_QUERY', 'expected {"period": "2026-Q3"}')
      const scoped = scopeQuery({ filters: body.data.filters ?? {} }, await scopeOf(c, ctx.store))
      const input = { period: body.data.period, asOf: ctx.today() }
      const filters = scoped.filters as Record<string, string[]>
      const pack = await buildReview(ctx.store, input, { filters })
      const actor = principalOf(c).user.email
      const id = await saveReview(ctx.store, pack, input, { by: actor, now: new Date() })
      await audit(
        ctx.store,
        { actor, action: 'review_save', target: `review ${id} ${pack.label}`, ok: true },
        new Date(),
      )
      return c.json({ id }, 201)
    })
    .get('/reviews/:id/export', async (c) => {
      const id = Number(c.req.param('id'))
      const saved = await loadReview(ctx.store, id).catch(() => null)
      // Outside the user's scope, or not there: the same 404.
      if (!saved || !visible(saved.filters, await scopeOf(c, ctx.store)))
        throw new HttpError(404, 'NOT_FOUND', `no saved review ${c.req.param('id')}`)
      return exportOf(c, saved.pack, await restatements(ctx.store, id))
    })
}

/** A saved review is the user's to see when it covers only reps they may see (admins: all). */
function visible(filters: Record<string, string[]>, scope: AccessScope): boolean {
  if (scope.kind === 'all') return true
  const reps = filters.rep ?? []
  return reps.length > 0 && reps.every((r) => scope.reps.includes(r))
}

async function exportOf(
  c: Context,
  pack: ReviewPack,
  restated?: Awaited<ReturnType<typeof restatements>>,
): Promise<Response> {
  const format = (c.req.query('format') ?? 'pdf') as ReviewFormat
  if (!reviewFormats.includes(format))
    throw new HttpError(400, 'INVALID_QUERY', `format is one of ${reviewFormats.join(', ')}`)
  const file = await renderReview(pack, format, langOf(c), restated)
  return c.body(new Uint8Array(file.body), 200, {
    'content-type': file.mime,
    'content-disposition': `attachment; filename="${file.fileName}"`,
    'cache-control': 'no-store',
  })
}

/** The document the dashboard shows, its charts drawn as SVG by the server. */
function withSvg(pack: ReviewPack, lang: Lang) {
  const f = makeFormatter(lang, pack.currency)
  const doc = reviewDocument(pack, lang)
  return {
    ...doc,
    blocks: doc.blocks.map((b) => (b.kind === 'chart' ? { ...b, svg: chartSvg(b.chart, f) } : b)),
  }
}

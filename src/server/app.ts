import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { ResultRow } from '../contracts/result-row.js'
import { ComputeGate } from './compute-gate.js'
import type { ServerContext } from './context.js'
import {
  authenticate,
  hostGuard,
  requireRole,
  securityHeaders,
  type AccessOptions,
} from './access.js'
import { allowedMethods, limitBody, refuseNul } from './guards.js'
import { ResultCache } from './result-cache.js'
import { Uploads, defaultMaxUpload } from './uploads.js'
import { WorkQueue } from './work-queue.js'
import { errorResponse, HttpError } from './http-errors.js'
import { openApiDocument } from './openapi.js'
import { auditRoutes } from './routes/audit.js'
import { authRoutes } from './routes/auth.js'
import { catalogRoutes } from './routes/catalog.js'
import { cliRoutes } from './routes/cli.js'
import { dimensionRoutes } from './routes/dimensions.js'
import { drilldownRoutes } from './routes/drilldown.js'
import { importRoutes } from './routes/imports.js'
import { funnelRoutes } from './routes/funnel.js'
import { metricsRoutes } from './routes/metrics.js'
import { periodRoutes } from './routes/periods.js'
import { qualityRoutes } from './routes/quality.js'
import { reviewRoutes } from './routes/review.js'
import { settingsRoutes } from './routes/settings.js'
import { statusRoutes } from './routes/status.js'

/**
 * The HTTP API under /api and, when `webDir` holds the built dashboard, the dashboard
 * itself (any other path gets index.html, so its URLs can be bookmarked).
 *
 * @example
 * const app = createApp({ store, today: () => '2026-07-01', log: console.error })
 * const res = await app.request('/api/catalog')
 */
export function createApp(
  context: ServerContext & {
    webDir?: string
    gate?: ComputeGate
    cliSecret?: string
    /** Who may use it; without, a local server with no sign-in (see AccessOptions). */
    access?: AccessOptions
    /** The largest file one may upload for import (default 200 MB). */
    maxUploadBytes?: number
    /** The queue of writes, when the caller shares it (serve's scheduler); else a new one. */
    writes?: WorkQueue
  },
): Hono {
  const ctx = {
    ...context,
    gate: context.gate ?? new ComputeGate(),
    cache: new ResultCache<ResultRow[][]>(),
  }
  const access: AccessOptions = context.access ?? { auth: 'off' }
  // Imports, forwarded CLI commands and settings changes, one at a time (imports share
  // staging tables; on DuckDB all share one connection, so one transaction at a time).
  const writes = context.writes ?? new WorkQueue((work) => ctx.store.session(work))
  const uploads = new Uploads(context.maxUploadBytes ?? defaultMaxUpload)
  const app = new Hono()
  app.onError((err, c) => errorResponse(err, c, ctx.log))
  app.use('*', hostGuard(access), securityHeaders)
  app.use('/api/*', limitBody, refuseNul, authenticate(ctx.store, access))
  // Settings (tracked metrics, targets) are for admins and managers.
  app.on(['PUT', 'POST', 'DELETE'], '/api/settings/*', requireRole('admin', 'manager'))
  const document = openApiDocument() as { paths: Record<string, Record<string, unknown>> }
  const allowed = allowedMethods(document.paths)
  app.get('/api/openapi.json', (c) => c.json(document))
  app.route('/api/auth', authRoutes(ctx.store, access))
  app.route('/api/catalog', catalogRoutes())
  app.route('/api/metrics', metricsRoutes(ctx))
  app.route('/api/drilldown', drilldownRoutes(ctx))
  app.route('/api/funnel', funnelRoutes(ctx))
  app.route('/api/periods', periodRoutes(ctx))
  app.route('/api/dimensions', dimensionRoutes(ctx))
  app.route('/api/settings', settingsRoutes(ctx, writes))
  app.route('/api/status', statusRoutes(ctx))
  app.route('/api/quality', qualityRoutes(ctx))
  app.route('/api/audit', auditRoutes(ctx))
  app.route('/api/imports', importRoutes(ctx, uploads, writes))
  app.route('/api', reviewRoutes(ctx))
  if (ctx.cliSecret) app.route('/api/cli', cliRoutes(ctx.cliSecret, writes))
  app.all('/api/*', (c) => {
    const methods = allowed(c.req.path)
    if (methods)
      throw new HttpError(
        405,
        'METHOD_NOT_ALLOWED',
        `${c.req.path} answers ${methods.join(', ')}, not ${c.req.method}`,
        { allow: methods.join(', ') },
      )
    throw new HttpError(404, 'NOT_FOUND', `no API endpoint ${c.req.method} ${c.req.path}`)
  })
  const webDir = ctx.webDir
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    const index = readFileSync(join(webDir, 'index.html'), 'utf8')
    // Asset names carry a content hash: cached for a year. Everything else (index.html) is
    // checked each time, so a new release shows at the next load. .br/.gz come from the build.
    app.use('*', async (c, next) => {
      await next()
      if (c.req.path.startsWith('/api/') || c.res.status >= 300) return
      const hashed = c.req.path.startsWith('/assets/')
      c.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    })
    app.use('/assets/*', serveStatic({ root: webDir, precompressed: true }))
    app.get('*', serveStatic({ root: webDir, precompressed: true }))
    app.get('*', (c) => c.html(index))
  }
  return app
}

import { createReadStream } from 'node:fs'
import { dirname } from 'node:path'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { audit } from '../../auth/audit.js'
import { MiernikError } from '../../errors.js'
import { importFile, type ImportReport } from '../../ingest/import-file.js'
import { observedAt } from '../../ingest/observed-at.js'
import { inspectFile } from '../../ingest/inspect.js'
import { presetNames } from '../../ingest/presets/index.js'
import { entityNames, type EntityName } from '../../model/entities.js'
import { repOwnedEntities } from '../../model/rep-owned.js'
import { principalOf, requireRole, scopeOf } from '../access.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../http-errors.js'
import type { Upload, Uploads } from '../uploads.js'
import type { WorkQueue } from '../work-queue.js'
import { jsonBody } from './read-query.js'

/** How to read the uploaded file: the CLI's `import` options. */
export const readSchema = z
  .object({
    entity: z.enum(entityNames),
    preset: z.enum(presetNames).optional(),
    dateFormat: z.string().max(20).optional(),
    decimal: z.enum(['.', ',']).optional(),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1250', 'windows-1252']).optional(),
    sheet: z.string().max(200).optional(),
  })
  .strict()

export const importSchema = readSchema
  .extend({
    /** Import the valid rows and leave the rejects out (else all-or-nothing). */
    skipInvalid: z.boolean().optional(),
    /** When the export was taken (date or date-time): the time of stage moves seen. */
    exportedAt: z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .optional(),
  })
  .strict()

/**
 * Import through the server: upload a file (the raw bytes, as application/octet-stream),
 * preview it (how `inspect` reads it and what an import would do), import it with the same
 * validation as the CLI, all-or-nothing unless told to skip invalid rows, and download the
 * rejected rows. Admins import anything; a manager their team's records (ownerChecks).
 */
export function importRoutes(ctx: AppContext, uploads: Uploads, queue: WorkQueue): Hono {
  const mine = (c: Context) => uploads.get(c.req.param('id') ?? '', principalOf(c).user.email)
  return new Hono()
    .use('*', requireRole('admin', 'manager'))
    .post('/', async (c) => {
      const name = (c.req.query('name') ?? '').trim()
      if (!/^[^/\\\0]{1,200}$/.test(name))
        throw new HttpError(400, 'INVALID_QUERY', 'name the file: ?name=deals.csv')
      const body = c.req.raw.body as WebReadableStream<Uint8Array> | null
      const upload = await uploads.add(principalOf(c).user.email, name, body, c.req.raw.signal)
      return c.json({ id: upload.id, name: upload.name, bytes: upload.bytes }, 201)
    })
    .post('/:id/preview', async (c) => {
      const upload = mine(c)
      const options = await parsed(c, readSchema)
      const onlyReps = await teamLimit(c, ctx, options.entity)
      const { entity, ...read } = options
      return queue.run(() =>
        naming(upload, async () => {
          const inspection = await inspectFile(ctx.store, entity, upload.path, {
            ...read,
            sampleRows: 5,
          })
          const check = await importFile(ctx.store, entity, upload.path, {
            ...read,
            dryRun: true,
            skipInvalid: true,
            maxErrors: 50,
            ...(onlyReps ? { onlyReps } : {}),
          })
          return c.json({
            inspection: { ...inspection, file: upload.name },
            check: shown(check, upload),
          })
        }),
      )
    })
    .post('/:id/import', async (c) => {
      const upload = mine(c)
      const { exportedAt, skipInvalid, ...options } = await parsed(c, importSchema)
      const onlyReps = await teamLimit(c, ctx, options.entity)
      const { entity, ...read } = options
      const actor = principalOf(c).user.email
      const target = `${entity} ${upload.name}`
      upload.rejects = null
      return queue.run(() =>
        naming(upload, async () => {
          try {
            const report = await importFile(ctx.store, entity, upload.path, {
              ...read,
              skipInvalid: !!skipInvalid,
              rejectsWhenRefused: true,
              maxErrors: 200,
              observedAt: observedAt(exportedAt, new Date()),
              ...(onlyReps ? { onlyReps } : {}),
            })
            upload.rejects = report.rejectsFile
            await audit(
              ctx.store,
              {
                actor,
                action: 'import',
                target,
                ok: true,
                detail: `${report.rows} rows read, ${report.rejected} rejected (upload)`,
              },
              new Date(),
            )
            return c.json({ report: shown(report, upload) })
          } catch (e) {
            const report =
              e instanceof MiernikError && e.code === 'IMPORT_REJECTED'
                ? (e.details as ImportReport)
                : null
            upload.rejects = report?.rejectsFile ?? null
            await audit(
              ctx.store,
              { actor, action: 'import', target, ok: false, detail: (e as Error).message },
              new Date(),
            )
            if (!report) throw e
            const message = (e as Error).message.replaceAll(upload.path, upload.name)
            return c.json({ code: 'IMPORT_REJECTED', message, report: shown(report, upload) }, 422)
          }
        }),
      )
    })
    .get('/:id/rejects', (c) => {
      const upload = mine(c)
      if (!upload.rejects)
        throw new HttpError(404, 'NOT_FOUND', 'this upload has no rejected rows to download')
      const file = `${upload.name.replace(/[^\w.-]+/g, '_')}.rejects.csv`
      const stream = Readable.toWeb(createReadStream(upload.rejects)) as ReadableStream
      return c.body(stream, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file}"`,
        'cache-control': 'no-store',
      })
    })
    .delete('/:id', (c) => {
      uploads.remove(mine(c))
      return c.json({ ok: true })
    })
}

async function parsed<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const result = schema.safeParse(await jsonBody(c))
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new HttpError(
      400,
      'INVALID_QUERY',
      `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    )
  }
  return result.data
}

/**
 * The reps a manager's import is limited to (undefined: no limit, an admin). Entities
 * shared by the company are refused before the file is read.
 */
async function teamLimit(
  c: Context,
  ctx: AppContext,
  entity: EntityName,
): Promise<readonly string[] | undefined> {
  const scope = await scopeOf(c, ctx.store)
  if (scope.kind === 'all') return undefined
  if (!repOwnedEntities.includes(entity)) {
    throw new HttpError(
      403,
      'FORBIDDEN',
      `${entity} are shared by the whole company: an admin imports them (a manager imports their team's ${repOwnedEntities.join(', ')})`,
    )
  }
  return scope.reps
}

/** Messages and reports name the uploaded file, never where the server keeps it. */
async function naming<T>(upload: Upload, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (!(e instanceof MiernikError) || e.code === 'IMPORT_REJECTED') throw e
    const hide = (s: string) =>
      s.replaceAll(upload.path, upload.name).replaceAll(dirname(upload.path), '')
    throw new MiernikError(e.code, hide(e.message), { details: e.details })
  }
}

/** The report as the client sees it: the file's own name, the rejects as a download. */
function shown(report: ImportReport, upload: Upload): ImportReport & { rejectsUrl: string | null } {
  return {
    ...report,
    file: upload.name,
    rejectsFile: null,
    rejectsUrl: report.rejectsFile ? `/api/imports/${upload.id}/rejects` : null,
  }
}

import { writeFile } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import type { Row } from '../store.js'
import { int8, keepAsText, sessionSetupSql, type PgConnection } from './pg-connection.js'

/** Instances shared within the process (`?schema=`): starting PGlite takes seconds. */
const shared = new Map<string, Promise<PGlite>>()
/** The schema each shared instance's one session is set to. */
const activeSchema = new WeakMap<PGlite, string>()

function create(dir: string): Promise<PGlite> {
  const parsers: Record<number, (v: string) => unknown> = { [int8]: (v) => Number(v) }
  for (const oid of Object.values(keepAsText)) parsers[oid] = (v) => v
  return PGlite.create(dir === 'memory' ? undefined : dir, { parsers })
}

/**
 * PostgreSQL compiled to WebAssembly, in this process: the same SQL as the server,
 * without one. `pglite://memory` (a new database), `pglite:///path/to/dir` (kept on
 * disk), or either with `?schema=name`: one instance shared by the process, each store
 * in its own schema (how the tests get a fresh database in milliseconds; use one such
 * store at a time, as PGlite has a single session).
 */
export async function openPglite(location: string): Promise<PgConnection> {
  const [where = '', query = ''] = location.slice('pglite://'.length).split('?')
  const dir = where === 'memory' || where === '' ? 'memory' : decodeURIComponent(where)
  const schema = new URLSearchParams(query).get('schema')
  let db: PGlite
  if (schema) {
    if (!shared.has(dir)) shared.set(dir, create(dir))
    db = await (shared.get(dir) as Promise<PGlite>)
  } else db = await create(dir)
  const ident = schema && `"${schema.replaceAll('"', '""')}"`
  const use = async () => {
    if (!ident || activeSchema.get(db) === ident) return
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${ident}; SET search_path TO ${ident}`)
    activeSchema.set(db, ident)
  }
  await use()
  await db.exec(sessionSetupSql())
  const connection: PgConnection = {
    // One session, in this process: nothing else writes while it reads.
    concurrent: false,
    // The one session, for the duration; statements meanwhile share it, as they always did.
    reserve: (fn) => fn(connection),
    async query(sql, params = []) {
      await use()
      const result = await db.query(sql, params as unknown[])
      return result.rows as Row[]
    },
    async copyFrom(sql, data) {
      await use()
      // PGlite reads COPY input from a blob.
      const chunks: Buffer[] = []
      for await (const chunk of data)
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
      await db.query(replaceLast(sql, 'FROM STDIN', "FROM '/dev/blob'"), [], {
        blob: new Blob(chunks),
      })
    },
    async copyToFile(sql, file) {
      await use()
      const result = await db.query(replaceLast(sql, 'TO STDOUT', "TO '/dev/blob'"))
      await writeFile(file, Buffer.from(await (result.blob as Blob).arrayBuffer()))
    },
    // In-process: nothing to drop; a statement runs to its end.
    interrupt() {},
    async close() {
      // A shared instance lives as long as the process.
      if (!schema) await db.close()
    },
  }
  return connection
}

/** The COPY clause is the statement's last such words (a column could be named like it). */
function replaceLast(sql: string, what: string, by: string): string {
  const at = sql.lastIndexOf(what)
  return at < 0 ? sql : sql.slice(0, at) + by + sql.slice(at + what.length)
}

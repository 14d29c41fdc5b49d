import { existsSync } from 'node:fs'
import { MiernikError } from '../errors.js'
import { latestVersion } from '../model/migrations/index.js'
import { migrate, schemaVersion } from './migrate.js'
import { defaultDbPath, engineOf } from './location.js'
import type { Store } from './store.js'

export { defaultDbPath, engineOf } from './location.js'

export interface OpenOptions {
  /** Create the database file when it does not exist (import, demo); reading commands need it to exist. */
  create?: boolean
  /**
   * Bring an older PostgreSQL schema up to date (`miernik migrate`). A team's database is
   * never upgraded behind its users' backs; a new, empty one is set up by any command.
   */
  migrate?: boolean
  /**
   * PostgreSQL server: how many connections the store may hold at once (a pool; `serve`
   * asks for several so concurrent requests do not queue on one). 1 by default.
   */
  connections?: number
}

/**
 * Opens --db (or MIERNIK_DB, or ./miernik.duckdb): a DuckDB file, `postgres://user:pass@host/db`
 * or `pglite://memory` / `pglite:///dir`. Drivers are loaded with a dynamic import so a DuckDB
 * user never loads a PostgreSQL client and vice versa.
 */
export async function openStore(
  location: string | undefined,
  options: OpenOptions = {},
): Promise<Store> {
  const where = location || process.env.MIERNIK_DB || defaultDbPath
  const engine = engineOf(where)
  let store: Store
  if (engine === 'duckdb') {
    if (where !== ':memory:' && !options.create && !existsSync(where)) {
      throw new MiernikError(
        'STORE_UNAVAILABLE',
        `database ${where} does not exist: run 'miernik demo' or 'miernik import' first, or pass --db`,
      )
    }
    const { DuckdbStore } = await import('./duckdb/duckdb-store.js')
    store = await DuckdbStore.open(where)
  } else {
    const { PostgresStore } = await import('./postgres/postgres-store.js')
    const connection =
      engine === 'postgres'
        ? await (
            await import('./postgres/node-postgres.js')
          ).connectNodePostgres(where, {
            connections: options.connections ?? 1,
          })
        : await (await import('./postgres/pglite.js')).openPglite(where)
    store = await PostgresStore.open(redact(where), connection)
  }
  try {
    await store.withMigrationLock(async () => {
      const version = await schemaVersion(store)
      if (engine === 'postgres' && version > 0 && version < latestVersion && !options.migrate) {
        throw new MiernikError(
          'SCHEMA_TOO_OLD',
          `database ${store.location} has schema version ${version}; this miernik needs ${latestVersion}: run 'miernik migrate --db ...' to upgrade it`,
        )
      }
      await migrate(store)
    })
  } catch (e) {
    await store.close()
    throw e
  }
  return store
}

/** A URL with its password hidden, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    for (const key of ['password', 'sslpassword'])
      if (u.searchParams.has(key)) u.searchParams.set(key, '***')
    return u.toString()
  } catch {
    // Not a URL we can read: keep only what cannot hold a password.
    return url.replace(/\/\/.*@/, '//***@')
  }
}

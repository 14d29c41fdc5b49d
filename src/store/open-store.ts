import { existsSync } from 'node:fs'
import { MiernikError } from '../errors.js'
import { migrate } from './migrate.js'
import type { Store } from './store.js'

export const defaultDbPath = './miernik.duckdb'

export interface OpenOptions {
  /** Create the database file when it does not exist (import, demo); reading commands need it to exist. */
  create?: boolean
}

/**
 * Opens --db (or MIERNIK_DB, or ./miernik.duckdb) and migrates it. The driver is loaded
 * with a dynamic import so a DuckDB user never loads a PostgreSQL client and vice versa.
 */
export async function openStore(
  location: string | undefined,
  options: OpenOptions = {},
): Promise<Store> {
  const where = location || process.env.MIERNIK_DB || defaultDbPath
  if (/^postgres(ql)?:\/\//.test(where)) {
    throw new MiernikError(
      'STORE_UNAVAILABLE',
      `PostgreSQL (${redact(where)}) is not supported yet: use a DuckDB file`,
    )
  }
  if (where !== ':memory:' && !options.create && !existsSync(where)) {
    throw new MiernikError(
      'STORE_UNAVAILABLE',
      `database ${where} does not exist: run 'miernik demo' or 'miernik import' first, or pass --db`,
    )
  }
  const { DuckdbStore } = await import('./duckdb/duckdb-store.js')
  const store = await DuckdbStore.open(where)
  try {
    await migrate(store)
  } catch (e) {
    await store.close()
    throw e
  }
  return store
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}

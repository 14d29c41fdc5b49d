import { MiernikError } from '../errors.js'
import { latestVersion, migrations } from '../model/migrations/index.js'
import type { Store } from './store.js'

/** The schema version of a database; 0 when it has never been migrated. */
export async function schemaVersion(store: Store): Promise<number> {
  // Looked up first: a role that may only read and write (no CREATE) can still open it.
  const [exists] = await store.query(
    `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = current_schema()`,
  )
  if (Number(exists?.n ?? 0) === 0) {
    await store.run(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name ${store.dialect.columnType('text')} NOT NULL, applied_at ${store.dialect.columnType('timestamp')} NOT NULL)`,
    )
  }
  const [row] = await store.query('SELECT max(version) AS v FROM schema_migrations')
  return Number(row?.v ?? 0)
}

/**
 * Brings the schema up to date, the pending migrations in one transaction: all or none, and
 * on DuckDB one checkpoint instead of one a migration (a new database opens in half the
 * time). A database newer than this program is refused rather than guessed at.
 */
export async function migrate(store: Store): Promise<{ from: number; to: number }> {
  const from = await schemaVersion(store)
  if (from > latestVersion) {
    throw new MiernikError(
      'SCHEMA_TOO_NEW',
      `database ${store.location} has schema version ${from}, newer than this miernik (it knows up to ${latestVersion}): install a miernik that knows version ${from}`,
    )
  }
  const pending = migrations.filter((m) => m.version > from)
  if (pending.length === 0) return { from, to: latestVersion }
  await store.transaction(async () => {
    // A migration is a write: an import by another process (an older miernik still running
    // on PostgreSQL) waits, so what a migration builds from the data (the deals per day)
    // and the version it marks that with come from the same rows.
    await store.lockForWrite()
    for (const m of pending) {
      for (const sql of m.statements(store.dialect)) await store.run(sql)
      await store.run('INSERT INTO schema_migrations VALUES ($1, $2, CAST(now() AS TIMESTAMP))', [
        m.version,
        m.name,
      ])
    }
  })
  return { from, to: latestVersion }
}

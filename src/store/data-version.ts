import type { Store } from './store.js'

/**
 * A counter every write bumps (imports, demo, copy, settings), kept in the settings table
 * so it is shared by every process on the database: results computed for one version stay
 * valid until the next write, so a server may answer repeated questions from a cache.
 */
export async function dataVersion(store: Pick<Store, 'query'>): Promise<string> {
  const [row] = await store.query(`SELECT "value" FROM settings WHERE "key" = 'data_version'`)
  return String(row?.value ?? '0')
}

/** Marks the data changed; runs inside the write's own transaction. */
export async function bumpDataVersion(store: Pick<Store, 'run'>): Promise<void> {
  await store.run(
    `INSERT INTO settings VALUES ('data_version', '1') ON CONFLICT ("key")
     DO UPDATE SET "value" = CAST(CAST(settings."value" AS BIGINT) + 1 AS VARCHAR)`,
  )
}

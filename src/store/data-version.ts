import type { Store } from './store.js'

/** The settings key holding the data version the deals per close day were built at. */
export const dealDaysVersionKey = 'deal_days_version'

/**
 * A counter every write bumps (imports, demo, copy, settings), kept in the settings table
 * so it is shared by every process on the database: results computed for one version stay
 * valid until the next write, so a server may answer repeated questions from a cache.
 */
export async function dataVersion(store: Pick<Store, 'query'>): Promise<string> {
  const [row] = await store.query(`SELECT "value" FROM settings WHERE "key" = 'data_version'`)
  return String(row?.value ?? '0')
}

/**
 * Marks the data changed; runs inside the write's own transaction. The pre-aggregated
 * deals (model/deal-days.ts) stop counting as current, unless the write says it left the
 * deals as they were (`dealsKept`): then they move to the new version with it, if they
 * were current. Safe by default: a write that forgets to say so only sends the metrics
 * back to the deals themselves.
 */
export async function bumpDataVersion(
  store: Pick<Store, 'run'>,
  options: { dealsKept?: boolean } = {},
): Promise<void> {
  await store.run(
    `INSERT INTO settings VALUES ('data_version', '1') ON CONFLICT ("key")
     DO UPDATE SET "value" = CAST(CAST(settings."value" AS BIGINT) + 1 AS VARCHAR)`,
  )
  // Second, and only from the version just before: whatever comes between the two statements
  // (a process stopped, a write of deals by another session) leaves the deals' version
  // behind the data's (stale), never ahead of it.
  if (options.dealsKept)
    await store.run(
      `UPDATE settings SET "value" = d."value" FROM settings d
        WHERE settings."key" = '${dealDaysVersionKey}' AND d."key" = 'data_version'
          AND CAST(settings."value" AS BIGINT) + 1 = CAST(d."value" AS BIGINT)`,
    )
}

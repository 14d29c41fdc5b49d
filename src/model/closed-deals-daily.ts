import type { Dialect } from '../store/dialect.js'
import { closedDailyVersionKey } from '../store/data-version.js'
import type { Store } from '../store/store.js'

/**
 * Deals won or lost, counted per close day: the closed-window measures (revenue, deals won
 * and closed, sales cycle, won so far) read a few rows a day instead of every deal (58k rows
 * for 7.5M closed deals of 20 reps in two currencies). A row holds the deals of one close
 * day, status, owner, currency, whether their amount is known, and creation day when they
 * were created after they closed (bad data a later as-of date must still leave out): their
 * count, amounts summed in their own currency (NULL where unknown: every sum of the row is),
 * and their cycles' days summed. Sums of exact numbers, so a query over these rows gives the
 * values a query over the deals gives (see fact-views/closed-daily.ts for what it answers).
 *
 * The table follows every write to opportunities: a write that changes deals rebuilds it in
 * its own transaction (refreshClosedDaily), and it counts as current only while the settings
 * say it was built at the data version now in force (see bumpDataVersion).
 */
export const closedDailyTable = 'closed_deals_daily'

export function closedDailyCreate(d: Dialect): string {
  const text = d.columnType('text')
  return `CREATE TABLE IF NOT EXISTS ${closedDailyTable} (
    closed_on DATE NOT NULL,
    status ${text} NOT NULL,
    owner_id ${text},
    currency ${text},
    created_late DATE,
    deals BIGINT NOT NULL,
    amount ${d.totalType},
    cycle_days BIGINT NOT NULL
  )`
}

/** The statements that rebuild the table from opportunities and mark it built at this version. */
export function closedDailyRefresh(d: Dialect): string[] {
  return [
    `DELETE FROM ${closedDailyTable}`,
    `INSERT INTO ${closedDailyTable}
      SELECT closed_on, status, owner_id, currency,
             CASE WHEN created_on > closed_on THEN created_on END,
             COUNT(*), SUM(${d.wideAmount('amount')}), SUM(${d.daysBetween('created_on', 'closed_on')})
        FROM opportunities WHERE status <> 'open' AND closed_on IS NOT NULL
       GROUP BY closed_on, status, owner_id, currency, amount IS NULL,
                CASE WHEN created_on > closed_on THEN created_on END`,
    `INSERT INTO settings SELECT '${closedDailyVersionKey}', COALESCE(
        (SELECT "value" FROM settings WHERE "key" = 'data_version'), '0')
      ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
  ]
}

/** Rebuilds the table inside the transaction of a write that changed deals, after its version bump. */
export async function refreshClosedDaily(store: Pick<Store, 'run' | 'dialect'>): Promise<void> {
  for (const sql of closedDailyRefresh(store.dialect)) await store.run(sql)
}

/** Whether the table holds the deals as they are now: built at the data version in force. */
export async function closedDailyCurrent(store: Pick<Store, 'query'>): Promise<boolean> {
  const [row] = await store.query(
    `SELECT COUNT(*) AS n FROM settings v JOIN settings b ON b."value" = v."value"
      WHERE v."key" = 'data_version' AND b."key" = '${closedDailyVersionKey}'`,
  )
  return Number(row?.n ?? 0) === 1
}

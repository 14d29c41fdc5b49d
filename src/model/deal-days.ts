import type { Dialect } from '../store/dialect.js'
import { dealDaysVersionKey } from '../store/data-version.js'
import type { Store } from '../store/store.js'

/**
 * Deals pre-aggregated per day, for the measures that add up over days: a few rows a day
 * instead of every deal. Sums of exact numbers, so a query over these rows gives the values
 * a query over the deals gives; metrics/fact-views/deal-days.ts says which queries they
 * answer.
 *
 * - closed_deals_daily: deals won or lost per close day, status, owner, currency, whether
 *   their amount is known, and their creation day where they were created after they closed
 *   (bad data an as-of date before that day must leave out); their count, amounts summed in
 *   their own currency (NULL where unknown: every sum of the row is) and cycles' days summed.
 *   58k rows for 7.5M closed deals of 20 reps in two currencies.
 * - created_deals_daily: deals per creation day, status and owner; their count.
 *
 * The tables follow every write to opportunities: once a write of deals has committed they
 * are rebuilt in a transaction of their own (catchUpDealDays), and they count as current
 * only while the settings say they were built at the data version now in force (see
 * bumpDataVersion): in between, and if the rebuild never happens, they are stale and the
 * metrics read the deals.
 */
export const closedDailyTable = 'closed_deals_daily'
export const createdDailyTable = 'created_deals_daily'

export function dealDaysCreate(d: Dialect): string[] {
  const text = d.textColumn
  return [
    `CREATE TABLE IF NOT EXISTS ${closedDailyTable} (
      closed_on DATE NOT NULL,
      status ${text} NOT NULL,
      owner_id ${text},
      currency ${text},
      created_late DATE,
      deals BIGINT NOT NULL,
      amount ${d.totalType},
      cycle_days BIGINT NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${createdDailyTable} (
      created_on DATE NOT NULL,
      status ${text} NOT NULL,
      owner_id ${text},
      deals BIGINT NOT NULL
    )`,
  ]
}

/** The rows of each table, computed from opportunities (what a rebuild writes). */
export function dealDaysSelects(d: Dialect): Record<string, string> {
  const late = 'CASE WHEN created_on > closed_on THEN created_on END'
  return {
    // Cast to the tables' types, which DuckDB's replaceRows takes from here (a sum of
    // DECIMAL(18,4) is DECIMAL(38,4) there, NUMERIC on PostgreSQL; a sum of days HUGEINT).
    [closedDailyTable]: `SELECT closed_on, status, owner_id, currency, ${late} AS created_late,
        CAST(COUNT(*) AS BIGINT) AS deals, CAST(SUM(amount) AS ${d.totalType}) AS amount,
        CAST(SUM(${d.daysBetween('created_on', 'closed_on')}) AS BIGINT) AS cycle_days
      FROM opportunities WHERE status <> 'open' AND closed_on IS NOT NULL
     GROUP BY closed_on, status, owner_id, currency, amount IS NULL, ${late}`,
    [createdDailyTable]: `SELECT created_on, status, owner_id, CAST(COUNT(*) AS BIGINT) AS deals FROM opportunities
     GROUP BY created_on, status, owner_id`,
  }
}

/** The statements that rebuild the tables from opportunities and mark them built at this version. */
export function dealDaysRefresh(d: Dialect): string[] {
  return [
    ...Object.entries(dealDaysSelects(d)).map(([table, select]) => d.replaceRows(table, select)),
    `INSERT INTO settings SELECT '${dealDaysVersionKey}', COALESCE(
        (SELECT "value" FROM settings WHERE "key" = 'data_version'), '0')
      ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
  ]
}

/** Rebuilds the tables inside a write transaction (a migration's). */
export async function refreshDealDays(store: Pick<Store, 'run' | 'dialect'>): Promise<void> {
  for (const sql of dealDaysRefresh(store.dialect)) await store.run(sql)
}

/**
 * Brings the tables up to the deals after a write has committed, in a transaction of their
 * own: rebuilt from the stored deals, which read faster than a large transaction's own rows
 * (DuckDB spills them while an import runs: 3.4 s against 1.2 s at 10M deals). Until this
 * commits the tables are stale and the metrics read the deals, so whatever stops it (an
 * error, Ctrl-C, a killed process) leaves every number right; the next write rebuilds them.
 * One read when they are current (a write that kept the deals). It never fails the write
 * that committed before it.
 */
export async function catchUpDealDays(store: Store): Promise<void> {
  try {
    if (await dealDaysCurrent(store)) return
    await store.transaction(async () => {
      await store.lockForWrite()
      if (!(await dealDaysCurrent(store))) await refreshDealDays(store)
    })
  } catch {
    // Stale tables are slower, never wrong (see the top of this file).
  }
}

/** Whether the tables hold the deals as they are now: built at the data version in force. */
export async function dealDaysCurrent(store: Pick<Store, 'query'>): Promise<boolean> {
  const [row] = await store.query(
    `SELECT COUNT(*) AS n FROM settings v JOIN settings b ON b."value" = v."value"
      WHERE v."key" = 'data_version' AND b."key" = '${dealDaysVersionKey}'`,
  )
  return Number(row?.n ?? 0) === 1
}

import { MiernikError } from '../errors.js'
import { latestChange } from '../metrics/fact-views/deals-as-of.js'
import { checkFxRates } from '../metrics/fx-check.js'
import { isIsoDate, type Period } from '../metrics/periods.js'
import { bumpDataVersion } from '../store/data-version.js'
import { readSettings } from '../store/settings.js'
import type { Store } from '../store/store.js'
import { snapshotSql } from './snapshot-sql.js'

/** The categories of the forecasts entity, narrowest first. */
export const forecastCategories = ['commit', 'best_case', 'pipeline'] as const
export type ForecastCategory = (typeof forecastCategories)[number]

/** One row written: a scope's forecast of one category, with the won revenue inside it. */
export interface SnapshotRow {
  scope: string
  category: ForecastCategory
  /** As stored: decimal text, 4 places, in the base currency. */
  amount: string
  won: string
}

export interface ForecastSnapshot {
  made_on: string
  period_start: string
  period_end: string
  currency: string
  /**
   * Whether deals carry forecast categories: then commit, best case and pipeline per
   * scope; else one commit row, the weighted expected value.
   */
  categorised: boolean
  rows: SnapshotRow[]
  /** Rows of an earlier snapshot made the same day for the period, replaced. */
  replaced: number
  /** The company's deals: won in the period so far, open expected in it, and the left out. */
  deals: { won: number; open: number; noAmount: number; noProbability: number }
}

/**
 * Freezes the forecast for `period` as the pipeline stood on `madeOn` (design.md §3
 * `forecasts`), for the company, each team and each rep: revenue won in the period up to
 * made_on plus the open deals expected to close in it, each weighted by its probability
 * (else its stage's). Where deals carry a forecast category: commit = won + weighted commit
 * deals, best_case = + best case deals, pipeline = won + every deal not omitted; where
 * none does, one commit row, the weighted expected value (what forecast_accuracy reads).
 *
 * One transaction: the period's forecasts made on that day (imported or an earlier
 * snapshot) are replaced, so running it again the same day gives the same rows; the data
 * version moves. A company row is written even for an empty pipeline (a forecast of what
 * is won so far, possibly 0): no forecast and a forecast of nothing are not the same.
 *
 * @example
 * await takeForecastSnapshot(store, { madeOn: '2026-06-15', period: { start: '2026-07-01', end: '2026-09-30' } })
 */
export async function takeForecastSnapshot(
  store: Store,
  input: { madeOn: string; period: Pick<Period, 'start' | 'end'> },
): Promise<ForecastSnapshot> {
  const { madeOn, period } = input
  if (!isIsoDate(madeOn))
    throw new MiernikError('USAGE', `made_on must be a date YYYY-MM-DD, not '${madeOn}'`)
  if (!isIsoDate(period.start) || !isIsoDate(period.end) || period.end < period.start)
    throw new MiernikError(
      'INVALID_PERIOD',
      `not a period: ${period.start} – ${period.end} (two dates YYYY-MM-DD, the end not before the start)`,
    )
  if (madeOn > period.end)
    throw new MiernikError(
      'INVALID_PERIOD',
      `a forecast made on ${madeOn} for ${period.start} – ${period.end}, which ended before it, would be no forecast: choose a period that has not ended by then`,
    )
  const settings = await readSettings(store)
  const currency = settings.base_currency
  await checkFxRates(store, ['opportunities'], currency, {
    from: period.start,
    to: period.end,
    asOf: madeOn,
  })
  return store.transaction(async () => {
    await store.lockForWrite()
    const categorised = await dealsHaveCategories(store, madeOn)
    const compiled = snapshotSql(store.dialect, {
      madeOn,
      period,
      baseCurrency: currency,
      lastChange: await latestChange(store),
    })
    const sums = await store.query(compiled.sql, compiled.params)
    const key = [madeOn, period.start, period.end]
    const where = `made_on = CAST($1 AS DATE) AND period_start = CAST($2 AS DATE) AND period_end = CAST($3 AS DATE)`
    const [old] = await store.query(`SELECT COUNT(*) AS n FROM forecasts WHERE ${where}`, key)
    await store.run(`DELETE FROM forecasts WHERE ${where}`, key)
    const written = sums.flatMap((s) =>
      (categorised ? forecastCategories : (['commit'] as const)).map((category) => ({
        scope: String(s.scope),
        category,
        amount: String(categorised ? s[category] : s.expected),
      })),
    )
    await insertForecasts(store, written, { madeOn, period, currency })
    await bumpDataVersion(store, { dealsKept: true })
    const stored = await store.query(
      `SELECT scope, category, CAST(amount AS VARCHAR) AS amount FROM forecasts WHERE ${where}`,
      key,
    )
    const wonOf = new Map(sums.map((s) => [String(s.scope), String(s.won)]))
    const company = sums.find((s) => s.scope === 'company')
    return {
      made_on: madeOn,
      period_start: period.start,
      period_end: period.end,
      currency,
      categorised,
      rows: stored
        .map((r) => ({
          scope: String(r.scope),
          category: String(r.category) as ForecastCategory,
          amount: String(r.amount),
          won: wonOf.get(String(r.scope)) ?? '0',
        }))
        .sort(byScopeAndCategory),
      replaced: Number(old?.n ?? 0),
      deals: {
        won: Number(company?.won_deals ?? 0),
        open: Number(company?.open_deals ?? 0),
        noAmount: Number(company?.no_amount ?? 0),
        noProbability: Number(company?.no_probability ?? 0),
      },
    }
  })
}

/** Whether any deal known on made_on carries a forecast category: the data speaks of them. */
async function dealsHaveCategories(store: Store, madeOn: string): Promise<boolean> {
  const [row] = await store.query(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM opportunities
       WHERE forecast_category IS NOT NULL AND created_on <= CAST($1 AS DATE) LIMIT 1) x`,
    [madeOn],
  )
  return Number(row?.n ?? 0) > 0
}

/**
 * One multi-row INSERT per chunk, every value a bound parameter; the cast rounds amounts
 * to the column's 4 places.
 */
async function insertForecasts(
  store: Store,
  rows: { scope: string; category: string; amount: string }[],
  at: { madeOn: string; period: Pick<Period, 'start' | 'end'>; currency: string },
): Promise<void> {
  const decimal = store.dialect.columnType('decimal')
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200)
    const params: unknown[] = [at.madeOn, at.period.start, at.period.end, at.currency]
    const p = (v: unknown) => {
      params.push(v)
      return store.dialect.placeholder(params.length)
    }
    const values = chunk.map(
      (r) =>
        `(CAST($1 AS DATE), CAST($2 AS DATE), CAST($3 AS DATE), ${p(r.scope)}, CAST(${p(r.amount)} AS ${decimal}), $4, ${p(r.category)})`,
    )
    await store.run(
      `INSERT INTO forecasts (made_on, period_start, period_end, scope, amount, currency, category)
       VALUES ${values.join(', ')}`,
      params,
    )
  }
}

const scopeRank = (scope: string) => (scope === 'company' ? 0 : scope.startsWith('team:') ? 1 : 2)

function byScopeAndCategory(a: SnapshotRow, b: SnapshotRow): number {
  return (
    scopeRank(a.scope) - scopeRank(b.scope) ||
    (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0) ||
    forecastCategories.indexOf(a.category) - forecastCategories.indexOf(b.category)
  )
}

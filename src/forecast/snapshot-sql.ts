import type { Dialect } from '../store/dialect.js'
import { Params } from '../store/dialect.js'
import { dimJoins, dimSelect, type ViewContext } from '../metrics/fact-views/fact-view.js'
import { opportunities } from '../metrics/fact-views/opportunities.js'
import type { Period } from '../metrics/periods.js'

export interface SnapshotQuery {
  madeOn: string
  period: Pick<Period, 'start' | 'end'>
  baseCurrency: string
  /** The day of the latest logged deal change (dealsAsOf reads the log when it is later). */
  lastChange: string | null
}

/**
 * Per scope (the company, each team, each rep) of the deals a forecast made on `madeOn`
 * for the period reads, as the metrics read them as of that day (the opportunities fact
 * view: state through the change log, money in the base currency at the close date's rate
 * for won deals and made_on's for open ones):
 * - won: revenue won in the period up to made_on;
 * - expected: won + every open deal expected to close in the period, amount × probability
 *   (the deal's own, else its stage's) / 100;
 * - commit, best_case, pipeline: won + the weighted deals of that forecast category and
 *   the narrower ones (pipeline: every deal not omitted, with a category or not);
 * - counts of the deals read, of those without an amount and of open ones without a
 *   probability (they add nothing).
 * Sums stay decimal: money is added by the engine, never in floats.
 * A deal counts for the team its rep was in on its close date if won (where the actual
 * will count it), else on made_on. The company row is there even with no deals at all.
 */
export function snapshotSql(d: Dialect, q: SnapshotQuery): { sql: string; params: unknown[] } {
  const params = new Params(d)
  const view = opportunities.sql({
    dialect: d,
    params,
    asOf: q.madeOn,
    baseCurrency: q.baseCurrency,
    dims: new Set(),
    money: true,
    lastChange: q.lastChange,
  })
  const madeOn = params.date(q.madeOn)
  const start = params.date(q.period.start)
  const end = params.date(q.period.end)
  const team: ViewContext = {
    dialect: d,
    params,
    asOf: q.madeOn,
    baseCurrency: q.baseCurrency,
    dims: new Set(['team']),
  }
  const teamDims = { team: 'r.team' }
  const teamOn = { sql: 'v.team_on', constant: false }
  const sums = `COALESCE(SUM(won), 0) AS won,
      COALESCE(SUM(weighted), 0) AS weighted,
      COALESCE(SUM(CASE WHEN category = 'commit' THEN weighted END), 0) AS commit_weighted,
      COALESCE(SUM(CASE WHEN category = 'best_case' THEN weighted END), 0) AS best_case_weighted,
      COALESCE(SUM(CASE WHEN category IS NULL OR category <> 'omitted' THEN weighted END), 0) AS pipeline_weighted,
      SUM(CASE WHEN status = 'won' THEN 1 ELSE 0 END) AS won_deals,
      SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open_deals,
      SUM(CASE WHEN amount_base IS NULL THEN 1 ELSE 0 END) AS no_amount,
      SUM(CASE WHEN status = 'open' AND amount_base IS NOT NULL AND probability IS NULL THEN 1 ELSE 0 END) AS no_probability`
  const sql = `WITH deals AS (
      SELECT v.owner_id AS rep, v.status, v.forecast_category AS category, v.amount_base,
        COALESCE(v.probability, s.probability) AS probability${dimSelect(team, teamDims, teamOn)}
      FROM (SELECT o.*, COALESCE(o.closed_on, ${madeOn}) AS team_on FROM (${view}) o
             WHERE (o.status = 'won' AND o.closed_on BETWEEN ${start} AND ${end})
                OR (o.status = 'open' AND o.expected_close_on BETWEEN ${start} AND ${end})) v
      LEFT JOIN stages s ON s.pipeline = v.pipeline AND s.stage = v.stage
      ${dimJoins(team, teamDims, { rep: 'v.owner_id', date: teamOn })}
    ), parts AS (
      SELECT rep, dim_team AS team, status, category, amount_base, probability,
        CASE WHEN status = 'won' THEN amount_base END AS won,
        -- × 0.01, not / 100: DuckDB divides decimals into doubles; money stays decimal.
        CASE WHEN status = 'open' THEN amount_base * probability * 0.01 END AS weighted
      FROM deals
    )
    SELECT scope, won, won + weighted AS expected, won + commit_weighted AS commit,
      won + commit_weighted + best_case_weighted AS best_case, won + pipeline_weighted AS pipeline,
      won_deals, open_deals, no_amount, no_probability
    FROM (
      SELECT 'company' AS scope, ${sums} FROM parts
      UNION ALL
      SELECT 'team:' || team, ${sums} FROM parts WHERE team IS NOT NULL GROUP BY team
      UNION ALL
      SELECT 'rep:' || rep, ${sums} FROM parts WHERE rep IS NOT NULL GROUP BY rep
    ) t`
  return { sql, params: params.values }
}

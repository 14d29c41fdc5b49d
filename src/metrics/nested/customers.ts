import { Params } from '../../store/dialect.js'
import { dimColumn, groupColumn, periodColumn, readGroup } from '../columns.js'
import { filterSql } from '../compile-sql.js'
import { PeriodGroupMap } from '../group-values.js'
import type { Dimension } from '../metric-schema.js'
import { periodSpan, periodsSql } from '../plan.js'
import { dealsAsOf } from '../fact-views/deals-as-of.js'
import { dimsOf, groupByList, groupMatch, groupSelect, moneySql } from '../sql-kit.js'
import { num, numOrNull, type NestedInput, type NestedRunInput } from './nested-input.js'

const dims = ['segment', 'region', 'source'] as const satisfies readonly Dimension[]
const dimSql: Record<string, string> = {
  segment: 'a.segment',
  region: 'a.region',
  source: 'acq.source',
}

/** Where an account's business came from: the source of its first won deal. */
const acquisition = (deals: string, asOf: string) => `SELECT account_id, source FROM (
    SELECT account_id, source, ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY closed_on, id) AS rn
    FROM ${deals} d WHERE status = 'won' AND closed_on <= ${asOf} AND account_id IS NOT NULL) w WHERE rn = 1`

/** Deals as they stood at the as-of date (see dealsAsOf). */
const deals = (input: NestedRunInput, params: Params) =>
  dealsAsOf(input.store.dialect, params, input.asOf, input.lastChange ?? null)

/** The dims a query uses (grouping and filters), selected as dim_<d>. */
function usedDims(input: NestedRunInput): { used: Set<Dimension>; select: string; group: string } {
  const used = new Set<Dimension>([...input.by, ...(Object.keys(input.filters) as Dimension[])])
  const exprs = [...used].map((k) => dimSql[k] ?? 'NULL')
  return {
    used,
    select: [...used].map((k, i) => `, ${exprs[i]} AS ${dimColumn(k)}`).join(''),
    group: groupByList(exprs),
  }
}

/**
 * One row per account and period: whether it was a customer on the period's eve
 * (at_start) and on its last known day (at_end: the as-of date while it runs), whether it
 * became one in the period so far (is_new),
 * and its annualised recurring amount at the start; plus the dims in use as dim_<d>.
 * A customer is an account with an active subscription (ended_on is the last day of
 * service, so a renewal that starts the day after the old one ends is no churn); where
 * no subscriptions are loaded, an account from its first won deal on (so nobody churns,
 * and the churn metrics say so).
 */
async function perAccountSql(input: NestedRunInput, params: Params) {
  const { store } = input
  const d = store.dialect
  const [count] = await store.query('SELECT COUNT(*) AS n FROM subscriptions')
  const hasSubscriptions = num(count?.n) > 0
  const asOf = params.date(input.asOf)
  const { used, select, group } = usedDims(input)
  const ended = `CASE WHEN s.ended_on <= ${asOf} THEN s.ended_on END AS ended_on`
  // The annualised amount (and its fx join) only serves lifetime value.
  const annual = !input.for || input.for.includes('customer_lifetime_value')
  const spans = !hasSubscriptions
    ? `SELECT account_id, MIN(closed_on) AS started_on, CAST(NULL AS DATE) AS ended_on, CAST(NULL AS DECIMAL) AS annual
        FROM ${deals(input, params)} d WHERE status = 'won' AND closed_on <= ${asOf} AND account_id IS NOT NULL GROUP BY account_id`
    : !annual
      ? `SELECT s.account_id, s.started_on, ${ended}, CAST(NULL AS DECIMAL(38,4)) AS annual
          FROM subscriptions s WHERE s.started_on <= ${asOf}`
      : `SELECT s.account_id, s.started_on, ${ended},
          ${moneySql(d, params, 's.recurring_amount', 's.currency', input.baseCurrency)}
            * CASE WHEN s.${d.quoteIdent('interval')} = 'year' THEN 1 ELSE 12 END AS annual
        FROM subscriptions s ${d.fxRateJoin('s.currency', 's.started_on', 'fx')}
        WHERE s.started_on <= ${asOf}`
  const atStart = `x.started_on < p.period_start AND (x.ended_on IS NULL OR x.ended_on >= p.period_start - 1)`
  const sql = `SELECT p.${periodColumn}, x.account_id${select},
      MAX(CASE WHEN ${atStart} THEN 1 ELSE 0 END) AS at_start,
      MAX(CASE WHEN x.started_on <= p.known_end AND (x.ended_on IS NULL OR x.ended_on >= p.known_end) THEN 1 ELSE 0 END) AS at_end,
      MAX(CASE WHEN x.first_started BETWEEN p.period_start AND p.known_end THEN 1 ELSE 0 END) AS is_new,
      SUM(CASE WHEN ${atStart} THEN x.annual END) AS annual_at_start
    FROM ${periodsSql(input.periods, params, input.only)}
    JOIN (SELECT sp.*, MIN(sp.started_on) OVER (PARTITION BY sp.account_id) AS first_started FROM (${spans}) sp) x
      ON x.started_on <= p.known_end
    ${used.has('segment') || used.has('region') ? 'LEFT JOIN accounts a ON a.id = x.account_id' : ''}
    ${used.has('source') ? `LEFT JOIN (${acquisition(deals(input, params), asOf)}) acq ON acq.account_id = x.account_id` : ''}
    GROUP BY p.${periodColumn}, x.account_id${group}`
  return { sql, hasSubscriptions }
}

/**
 * Won revenue and customers over the year up to each period's known end: lifetime value's
 * revenue per customer where no subscriptions are loaded.
 */
function trailingSql(input: NestedRunInput, params: Params): string {
  const d = input.store.dialect
  const asOf = params.date(input.asOf)
  const { used, select } = usedDims(input)
  const g = dimsOf('s', input.by)
  const dimCols = [...used].map((k) => `, ${dimColumn(k)}`).join('')
  // Over several periods (a dashboard's sparkline quarters) a deal meets every period whose
  // trailing year holds it: deals are summed per account and day first, so the range join
  // reads days, not deals. For one or two periods the summing costs more than it saves.
  const perDay = (input.only?.size ?? input.periods.length) > 2
  const won = (inner: string) =>
    perDay
      ? `SELECT account_id, closed_on${dimCols}, SUM(amount_base) AS amount_base FROM (${inner}) won
          GROUP BY account_id, closed_on${dimCols}`
      : inner
  // Summed per account first, then the accounts counted: a hash of a few thousand accounts
  // instead of sorting every deal for a distinct count.
  const gOut = input.by.map((_, i) => `, t.${groupColumn(i)}`).join('')
  return `SELECT t.${periodColumn}${gOut}, SUM(t.revenue) AS revenue, COUNT(*) AS accounts FROM (
    SELECT p.${periodColumn}${groupSelect(g)}, s.account_id, SUM(s.amount_base) AS revenue
    FROM ${periodsSql(input.periods, params, input.only)}
    JOIN (${won(`
          SELECT o.account_id, o.closed_on, ${moneySql(d, params, 'o.amount', 'o.currency', input.baseCurrency)} AS amount_base${select}
          FROM ${deals(input, params)} o ${d.fxRateJoin('o.currency', 'o.closed_on', 'fx')}
          ${used.has('segment') || used.has('region') ? 'LEFT JOIN accounts a ON a.id = o.account_id' : ''}
          ${used.has('source') ? `LEFT JOIN (${acquisition(deals(input, params), asOf)}) acq ON acq.account_id = o.account_id` : ''}
          WHERE o.status = 'won' AND o.closed_on <= ${asOf} AND o.account_id IS NOT NULL
            AND o.closed_on > ${params.date(periodSpan(input.periods, input.only).from)} - INTERVAL '1 year'`)}) s
      ON s.closed_on > p.known_end - INTERVAL '1 year' AND s.closed_on <= p.known_end
    WHERE ${filterSql(input.filters, params)}
    GROUP BY p.${periodColumn}${groupByList(g)}, s.account_id) t
    GROUP BY t.${periodColumn}${gOut}`
}

/** Which accounts a customer count is made of. */
const kinds: Record<string, string> = {
  at_start: 's.at_start = 1',
  lost: 's.at_start = 1 AND s.at_end = 0',
  retained: 's.at_start = 1 AND s.at_end = 1',
  new_customers: 's.is_new = 1',
}

/**
 * Customer counts per period: at the start, at the end, new, retained and lost, plus the
 * annualised recurring amount of customers at the start and won revenue over the
 * trailing year (for lifetime value).
 */
export const customers: NestedInput = {
  dims,
  async records(input, value, group) {
    const condition = kinds[value]
    if (!condition) throw new Error(`customers: no records of ${value}`)
    const params = new Params(input.store.dialect)
    const { sql } = await perAccountSql(input, params)
    const rows = await input.store.query(
      `SELECT s.account_id AS id, a.name, a.segment, a.region, s.at_start, s.at_end, s.is_new, s.annual_at_start
         FROM (${sql}) s LEFT JOIN accounts a ON a.id = s.account_id
        WHERE ${condition} AND ${filterSql(input.filters, params)}${groupMatch(group, params, (d) => `s.${dimColumn(d)}`)}
        ORDER BY s.account_id`,
      params.values,
    )
    return {
      columns: [
        { name: 'id', type: 'text' },
        { name: 'name', type: 'text' },
        { name: 'segment', type: 'text' },
        { name: 'region', type: 'text' },
        { name: 'at_start', type: 'number' },
        { name: 'at_end', type: 'number' },
        { name: 'is_new', type: 'number' },
        { name: 'annual_at_start', type: 'money' },
      ],
      rows,
    }
  },
  async run(input) {
    const { store, by } = input
    const params = new Params(store.dialect)
    const { sql: perAccount, hasSubscriptions } = await perAccountSql(input, params)
    const g = dimsOf('s', by)
    const counts = `SELECT s.${periodColumn}${groupSelect(g)},
        SUM(at_start) AS at_start, SUM(at_end) AS at_end, SUM(is_new) AS new_customers,
        SUM(at_start * at_end) AS retained, SUM(at_start * (1 - at_end)) AS lost,
        SUM(annual_at_start) AS annual_at_start
      FROM (${perAccount}) s WHERE ${filterSql(input.filters, params)}
      GROUP BY s.${periodColumn}${groupByList(g)}`
    // Ungrouped, every period gets a row: one without customers is a zero base, not "no subscriptions".
    const sql =
      by.length > 0
        ? counts
        : `SELECT p.${periodColumn}, c.at_start, c.at_end, c.new_customers, c.retained, c.lost, c.annual_at_start
           FROM ${periodsSql(input.periods, params, input.only)} LEFT JOIN (${counts}) c ON c.${periodColumn} = p.${periodColumn}`
    const rows = await store.query(sql, params.values)
    const trailing = new PeriodGroupMap<Record<string, unknown>>(by)
    // Won revenue over the trailing year only serves lifetime value (without subscriptions).
    if (!hasSubscriptions && (!input.for || input.for.includes('customer_lifetime_value'))) {
      const tp = new Params(store.dialect)
      for (const r of await store.query(trailingSql(input, tp), tp.values))
        trailing.set(Number(r[periodColumn]), readGroup(r, by), r)
    }
    return rows.map((r) => {
      const idx = Number(r[periodColumn])
      const group = readGroup(r, by)
      const t = trailing.get(idx, group)
      return {
        idx,
        group,
        values: {
          subscriptions: hasSubscriptions ? 1 : 0,
          at_start: num(r.at_start),
          at_end: num(r.at_end),
          new_customers: num(r.new_customers),
          retained: num(r.retained),
          lost: num(r.lost),
          annual_at_start: numOrNull(r.annual_at_start),
          trailing_revenue: num(t?.revenue),
          trailing_accounts: num(t?.accounts),
        },
      }
    })
  },
}

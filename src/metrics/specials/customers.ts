import { Params } from '../../store/dialect.js'
import { filterSql, periodSpan, periodsSql } from '../compile-sql.js'
import type { Dimension } from '../metric-schema.js'
import { num, numOrNull, type Special, type SpecialInput } from './special.js'

const dims = ['segment', 'region', 'source'] as const satisfies readonly Dimension[]
const dimSql: Record<(typeof dims)[number], string> = {
  segment: 'a.segment',
  region: 'a.region',
  source: 'acq.source',
}

/** Where an account's business came from: the source of its first won deal. */
const acquisition = (asOf: string) => `SELECT account_id, source FROM (
    SELECT account_id, source, ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY closed_on, id) AS rn
    FROM opportunities WHERE status = 'won' AND closed_on <= ${asOf} AND account_id IS NOT NULL) w WHERE rn = 1`

/** The dims a query uses (grouping and filters). */
const usedDims = (input: SpecialInput) =>
  new Set<Dimension>([...input.by, ...(Object.keys(input.filters) as Dimension[])])

/**
 * One row per account and period: whether it was a customer on the period's eve
 * (at_start) and on its last day (at_end), whether it became one in the period (is_new),
 * and its annualised recurring amount at the start; plus the dims in use as dim_<d>.
 */
async function perAccountSql(
  input: SpecialInput,
  params: Params,
): Promise<{ sql: string; hasSubscriptions: boolean }> {
  const { store } = input
  const d = store.dialect
  const [count] = await store.query('SELECT COUNT(*) AS n FROM subscriptions')
  const hasSubscriptions = num(count?.n) > 0
  const asOf = params.date(input.asOf)
  const used = usedDims(input)
  const dimCols = [...used]
    .map((k) => `, ${dimSql[k as keyof typeof dimSql] ?? 'NULL'} AS dim_${k}`)
    .join('')

  // The annualised amount (and its fx join) only serves lifetime value.
  const annual = !input.for || input.for.includes('customer_lifetime_value')
  const spans = !hasSubscriptions
    ? `SELECT account_id, MIN(closed_on) AS started_on, CAST(NULL AS DATE) AS ended_on, CAST(NULL AS DECIMAL) AS annual
        FROM opportunities WHERE status = 'won' AND closed_on <= ${asOf} AND account_id IS NOT NULL GROUP BY account_id`
    : !annual
      ? `SELECT s.account_id, s.started_on, CASE WHEN s.ended_on <= ${asOf} THEN s.ended_on END AS ended_on,
            CAST(NULL AS DECIMAL(38,4)) AS annual
          FROM subscriptions s WHERE s.started_on <= ${asOf}`
      : `SELECT s.account_id, s.started_on,
          CASE WHEN s.ended_on <= ${asOf} THEN s.ended_on END AS ended_on,
          ${d.wideAmount('s.recurring_amount')} * CASE WHEN s.${d.quoteIdent('interval')} = 'year' THEN 1 ELSE 12 END
            * CASE WHEN s.currency = ${params.add(input.baseCurrency)} THEN 1 ELSE fx.rate END AS annual
        FROM subscriptions s ${d.fxRateJoin('s.currency', 's.started_on', 'fx')}
        WHERE s.started_on <= ${asOf}`
  const periods = periodsSql(input.periods, params, input.only)
  const perAccount = `SELECT p.idx, x.account_id${dimCols},
      MAX(CASE WHEN x.started_on < p.period_start AND (x.ended_on IS NULL OR x.ended_on >= p.period_start - 1) THEN 1 ELSE 0 END) AS at_start,
      MAX(CASE WHEN x.started_on <= p.period_end AND (x.ended_on IS NULL OR x.ended_on >= p.period_end) THEN 1 ELSE 0 END) AS at_end,
      MAX(CASE WHEN x.first_started BETWEEN p.period_start AND p.period_end THEN 1 ELSE 0 END) AS is_new,
      SUM(CASE WHEN x.started_on < p.period_start AND (x.ended_on IS NULL OR x.ended_on >= p.period_start - 1) THEN x.annual END) AS annual_at_start
    FROM ${periods}
    JOIN (SELECT sp.*, MIN(sp.started_on) OVER (PARTITION BY sp.account_id) AS first_started FROM (${spans}) sp) x
      ON x.started_on <= p.period_end
    ${used.has('segment') || used.has('region') ? 'LEFT JOIN accounts a ON a.id = x.account_id' : ''}
    ${used.has('source') ? `LEFT JOIN (${acquisition(asOf)}) acq ON acq.account_id = x.account_id` : ''}
    GROUP BY p.idx, x.account_id${[...used].map((k) => `, ${dimSql[k as keyof typeof dimSql] ?? 'NULL'}`).join('')}`
  return { sql: perAccount, hasSubscriptions }
}

/**
 * Customer counts per period: at the start, at the end, new, retained and lost, plus the
 * annualised recurring amount of customers at the start and won revenue over the
 * trailing year (for lifetime value). A customer is an account with an active
 * subscription (ended_on is the last day of service, so a renewal that starts the day
 * after the old one ends is no churn); "at the start" means on the eve of the period; where no subscriptions are loaded, an account from its first won deal
 * on (so nobody churns, and churn metrics say so).
 */
const kinds: Record<string, string> = {
  at_start: 's.at_start = 1',
  lost: 's.at_start = 1 AND s.at_end = 0',
  retained: 's.at_start = 1 AND s.at_end = 1',
  new: 's.is_new = 1',
}

export const customers: Special = {
  dims,
  async records(input, kind, group) {
    const condition = kinds[kind]
    if (!condition) throw new Error(`customers: no records of kind ${kind}`)
    const params = new Params(input.store.dialect)
    const { sql } = await perAccountSql(input, params)
    const groupSql = Object.entries(group)
      .map(([dim, v]) =>
        v === null ? ` AND s.dim_${dim} IS NULL` : ` AND s.dim_${dim} = ${params.add(v)}`,
      )
      .join('')
    const rows = await input.store.query(
      `SELECT s.account_id AS id, a.name, a.segment, a.region, s.at_start, s.at_end, s.is_new, s.annual_at_start
         FROM (${sql}) s LEFT JOIN accounts a ON a.id = s.account_id
        WHERE ${condition} AND ${filterSql(input.filters, params)}${groupSql}
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
  async run(input: SpecialInput) {
    const { store, by } = input
    const d = store.dialect
    const params = new Params(d)
    const { sql: perAccount, hasSubscriptions } = await perAccountSql(input, params)
    const used = usedDims(input)
    const groupCols = by.map((k, i) => `s.dim_${k} AS g${i}`)
    const sql = `SELECT s.idx${groupCols.map((g) => `, ${g}`).join('')},
        SUM(at_start) AS at_start, SUM(at_end) AS at_end, SUM(is_new) AS new_customers,
        SUM(at_start * at_end) AS retained, SUM(at_start * (1 - at_end)) AS lost,
        SUM(annual_at_start) AS annual_at_start
      FROM (${perAccount}) s WHERE ${filterSql(input.filters, params)}
      GROUP BY s.idx${by.map((k) => `, s.dim_${k}`).join('')}`
    const rows = await store.query(sql, params.values)

    // Won revenue and customers over the year up to each period's end: lifetime value's
    // revenue per customer where no subscriptions are loaded (with them, it is not read).
    const tp = new Params(d)
    const tAsOf = tp.date(input.asOf)
    const tBase = tp.add(input.baseCurrency)
    const trailing = hasSubscriptions
      ? []
      : await store.query(
          `SELECT p.idx${by.map((k, i) => `, s.dim_${k} AS g${i}`).join('')},
          SUM(s.amount_base) AS revenue, COUNT(DISTINCT s.account_id) AS accounts
        FROM ${periodsSql(input.periods, tp, input.only)}
        JOIN (SELECT o.account_id, o.closed_on, ${d.wideAmount('o.amount')} * CASE WHEN o.currency = ${tBase} THEN 1 ELSE fx.rate END AS amount_base${[...used].map((k) => `, ${dimSql[k as keyof typeof dimSql] ?? 'NULL'} AS dim_${k}`).join('')}
              FROM opportunities o ${d.fxRateJoin('o.currency', 'o.closed_on', 'fx')}
              LEFT JOIN accounts a ON a.id = o.account_id
              LEFT JOIN (${acquisition(tAsOf)}) acq ON acq.account_id = o.account_id
              WHERE o.status = 'won' AND o.closed_on <= ${tAsOf} AND o.account_id IS NOT NULL
                AND o.closed_on > ${tp.date(periodSpan(input.periods, input.only).from)} - INTERVAL '1 year') s
          ON s.closed_on > p.period_end - INTERVAL '1 year' AND s.closed_on <= p.period_end
        WHERE ${filterSql(input.filters, tp)}
        GROUP BY p.idx${by.map((k) => `, s.dim_${k}`).join('')}`,
          tp.values,
        )
    const key = (r: Record<string, unknown>) =>
      JSON.stringify([r.idx, ...by.map((_, i) => r[`g${i}`] ?? null)])
    const trailingByKey = new Map(trailing.map((r) => [key(r), r]))
    const result = rows.map((r) => {
      const t = trailingByKey.get(key(r))
      trailingByKey.delete(key(r))
      return {
        idx: Number(r.idx),
        group: Object.fromEntries(by.map((k, i) => [k, (r[`g${i}`] as string | null) ?? null])),
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
    // Ungrouped, every period gets a row: one without customers is a zero base, not "no subscriptions".
    if (by.length === 0) {
      const seen = new Set(result.map((r) => r.idx))
      input.periods.forEach((_, idx) => {
        if (seen.has(idx)) return
        const t = trailingByKey.get(JSON.stringify([idx]))
        result.push({
          idx,
          group: {},
          values: {
            subscriptions: hasSubscriptions ? 1 : 0,
            at_start: 0,
            at_end: 0,
            new_customers: 0,
            retained: 0,
            lost: 0,
            annual_at_start: null,
            trailing_revenue: num(t?.revenue),
            trailing_accounts: num(t?.accounts),
          },
        })
      })
    }
    return result
  },
}

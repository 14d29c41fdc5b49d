import { MiernikError } from '../errors.js'
import { addDays } from './periods.js'
import { Params } from '../store/dialect.js'
import type { Store } from '../store/store.js'
import type { SourceName } from './metric-schema.js'

/** SQL of the query's dates, as bound parameters. */
interface Span {
  from: string
  to: string
  asOf: string
}

/**
 * Money tables: the date each record converts on (design.md §3: the record's own date;
 * an open deal is valued at the as-of date's rate), and which records a query over
 * [from, to] as of asOf can read.
 */
const moneyTables: Record<
  string,
  {
    table: string
    label: string
    date(s: Span): string
    reads(s: Span): string
    /**
     * A day no record the query reads converts before (dates as given, not SQL); the
     * table's currencies are then read through its index on currency (migration 10).
     */
    earliest?(s: Span): string
  }
> = {
  opportunities: {
    table: 'opportunities',
    date: (s) =>
      `CASE WHEN t.status IN ('won', 'lost') AND t.closed_on <= ${s.asOf} THEN t.closed_on ELSE ${s.asOf} END`,
    // Closed deals of the periods and the year before them (trailing revenue); every open one.
    reads: (
      s,
    ) => `t.created_on <= ${s.asOf} AND (t.status = 'open' OR t.closed_on IS NULL OR t.closed_on > ${s.asOf}
      OR t.closed_on BETWEEN ${s.from} - INTERVAL '1 year' AND ${s.to})`,
    // Closed ones from a year before the start, open ones on the as-of date.
    earliest: (s) => minDate(addDays(s.from, -366), s.asOf),
    label: 'id',
  },
  spend: {
    table: 'spend',
    date: () => 't.period_start',
    reads: (s) => `t.period_end >= ${s.from} AND t.period_start <= ${s.to}`,
    label: 'channel',
  },
  quotas: {
    table: 'quotas',
    date: () => 't.period_start',
    reads: (s) => `t.period_end >= ${s.from} AND t.period_start <= ${s.to}`,
    label: 'rep_id',
  },
  forecasts: {
    table: 'forecasts',
    date: () => 't.made_on',
    reads: (s) => `t.period_end >= ${s.from} AND t.made_on <= ${s.to}`,
    label: 'scope',
  },
  subscriptions: {
    table: 'subscriptions',
    date: () => 't.started_on',
    // Customers at a period's start may have subscribed long before it.
    reads: (s) => `t.started_on <= ${s.to}`,
    label: 'id',
  },
}
export type MoneyTable = 'opportunities' | 'spend' | 'quotas' | 'forecasts' | 'subscriptions'

/** Whether each currency of `table` other than the base has a rate on or before `day`. */
async function ratedBy(
  store: Store,
  table: string,
  baseCurrency: string,
  firstRates: Map<string, string>,
  day: string,
): Promise<boolean> {
  const currencies = await store.query(store.dialect.indexedDistinct(table, 'currency'))
  return currencies
    .map((r) => String(r.value))
    .every((c) => c === baseCurrency || (firstRates.get(c) ?? '9999-12-31') <= day)
}

const minDate = (a: string, b: string) => (a < b ? a : b)

/** Source -> money tables it converts. */
export const moneyOf: Partial<Record<SourceName, MoneyTable[]>> = {
  opportunities: ['opportunities'],
  spend: ['spend'],
  quotas: ['quotas'],
}

/**
 * A missing rate is an error naming the currency and date, never a silent 1:1. Checks
 * every record the query can read.
 */
export async function checkFxRates(
  store: Store,
  tables: Iterable<MoneyTable>,
  baseCurrency: string,
  span: { from: string; to: string; asOf: string },
): Promise<void> {
  const firstRates = new Map(
    (
      await store.query(
        'SELECT currency, CAST(MIN("on") AS VARCHAR) AS first FROM fx_rates GROUP BY currency',
      )
    ).map((r) => [String(r.currency), String(r.first)]),
  )
  // Parameters bound afresh per query, on first use: a statement binds only what it uses.
  const bind = (params: Params): Span => {
    const cache = new Map<keyof Span, string>()
    const get = (k: keyof Span) =>
      cache.get(k) ?? (cache.set(k, params.date(span[k])), cache.get(k) as string)
    return {
      get from() {
        return get('from')
      },
      get to() {
        return get('to')
      },
      get asOf() {
        return get('asOf')
      },
    }
  }
  for (const name of new Set(tables)) {
    const t = moneyTables[name]
    if (!t) continue
    // Where every currency of the table has a rate by the earliest day a read record can
    // convert on, none lacks one: the currencies alone tell, without reading the dates.
    if (t.earliest && (await ratedBy(store, t.table, baseCurrency, firstRates, t.earliest(span))))
      continue
    // A record has a rate iff its date is on or after its currency's first rate: so the
    // earliest record of each currency decides, and one grouped scan checks them all.
    const p = new Params(store.dialect)
    const base = p.add(baseCurrency)
    const s = bind(p)
    const earliest = await store.query(
      `SELECT t.currency, CAST(MIN(${t.date(s)}) AS VARCHAR) AS first FROM ${t.table} t
        WHERE t.currency <> ${base} AND ${t.reads(s)} GROUP BY t.currency ORDER BY 1`,
      p.values,
    )
    for (const row of earliest) {
      const currency = String(row.currency)
      const first = String(row.first)
      const rate = firstRates.get(currency)
      if (rate !== undefined && rate <= first) continue
      const e = new Params(store.dialect)
      const c = e.add(currency)
      const es = bind(e)
      const [example] = await store.query(
        `SELECT CAST(t.${t.label} AS VARCHAR) AS label FROM ${t.table} t
          WHERE t.currency = ${c} AND ${t.reads(es)} AND ${t.date(es)} = ${e.date(first)}
          ORDER BY label LIMIT 1`,
        e.values,
      )
      throw new MiernikError(
        'FX_RATE_MISSING',
        `no fx rate for ${currency} on or before ${first} (${name} ${t.label} ${example?.label ?? '?'}); import fx_rates with a ${currency} rate dated on or before it, in units of ${baseCurrency}`,
      )
    }
  }
}

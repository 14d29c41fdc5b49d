import { MiernikError } from '../errors.js'
import type { Store } from '../store/store.js'
import type { SourceName } from './metric-schema.js'

/** Money tables and the date each converts on (design.md §3: the record's own date). */
const moneyTables = {
  opportunities: {
    table: 'opportunities',
    date: "CASE WHEN t.status IN ('won', 'lost') THEN COALESCE(t.closed_on, t.created_on) ELSE t.created_on END",
    label: 'id',
  },
  spend: { table: 'spend', date: 't.period_start', label: 'channel' },
  quotas: { table: 'quotas', date: 't.period_start', label: 'rep_id' },
  forecasts: { table: 'forecasts', date: 't.made_on', label: 'scope' },
  subscriptions: { table: 'subscriptions', date: 't.started_on', label: 'id' },
} as const
export type MoneyTable = keyof typeof moneyTables

/** Source -> money tables it converts. */
export const moneyOf: Partial<Record<SourceName, MoneyTable[]>> = {
  opportunities: ['opportunities'],
  spend: ['spend'],
  quotas: ['quotas'],
}

/**
 * A missing rate is an error naming the currency and date, never a silent 1:1. Checks
 * the records up to the latest date the query reads.
 */
export async function checkFxRates(
  store: Store,
  tables: Iterable<MoneyTable>,
  baseCurrency: string,
  upTo: string,
): Promise<void> {
  const firstRates = new Map(
    (
      await store.query(
        'SELECT currency, CAST(MIN("on") AS VARCHAR) AS first FROM fx_rates GROUP BY currency',
      )
    ).map((r) => [String(r.currency), String(r.first)]),
  )
  for (const name of new Set(tables)) {
    const t = moneyTables[name]
    // A record has a rate iff its date is on or after its currency's first rate: so the
    // earliest record of each currency decides, and one grouped scan checks them all.
    const earliest = await store.query(
      `SELECT t.currency, CAST(MIN(${t.date}) AS VARCHAR) AS first FROM ${t.table} t
        WHERE t.currency <> $1 AND ${t.date} <= CAST($2 AS DATE) GROUP BY t.currency ORDER BY 1`,
      [baseCurrency, upTo],
    )
    for (const row of earliest) {
      const currency = String(row.currency)
      const first = String(row.first)
      const rate = firstRates.get(currency)
      if (rate !== undefined && rate <= first) continue
      const [example] = await store.query(
        `SELECT CAST(t.${t.label} AS VARCHAR) AS label FROM ${t.table} t WHERE t.currency = $1 AND ${t.date} = CAST($2 AS DATE) LIMIT 1`,
        [currency, first],
      )
      throw new MiernikError(
        'FX_RATE_MISSING',
        `no fx rate for ${currency} on or before ${first} (${name} ${t.label} ${example?.label ?? '?'}); import fx_rates with a ${currency} rate dated on or before it, in units of ${baseCurrency}`,
      )
    }
  }
}

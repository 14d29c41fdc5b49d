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
  for (const name of new Set(tables)) {
    const t = moneyTables[name]
    const [missing] = await store.query(
      `SELECT t.currency, CAST(${t.date} AS VARCHAR) AS on_date, CAST(t.${t.label} AS VARCHAR) AS label
         FROM ${t.table} t
        WHERE t.currency <> $1 AND ${t.date} <= CAST($2 AS DATE)
          AND NOT EXISTS (SELECT 1 FROM fx_rates f WHERE f.currency = t.currency AND f."on" <= ${t.date})
        ORDER BY 2 LIMIT 1`,
      [baseCurrency, upTo],
    )
    if (missing) {
      throw new MiernikError(
        'FX_RATE_MISSING',
        `no fx rate for ${missing.currency} on or before ${missing.on_date} (${name} ${t.label} ${missing.label}); import fx_rates with a ${missing.currency} rate dated on or before it, in units of ${baseCurrency}`,
      )
    }
  }
}

import { describe, expect, it } from 'vitest'
import { compileMeasures } from '../../src/metrics/compile-sql.js'
import { countDistinct, wonCycle, wonRevenue } from '../../src/metrics/measures.js'
import { measureSchema } from '../../src/metrics/metric-schema.js'
import { duckdbDialect } from '../../src/store/duckdb/duckdb-dialect.js'
import { postgresDialect } from '../../src/store/postgres/postgres-dialect.js'
import type { Dialect } from '../../src/store/dialect.js'

// The compiled SQL per dialect: metric definitions are written once; only the dialect
// modules differ. Pure string checks — no database needed.
// With a distinct count among its measures a query converts every deal it reads (see
// convertsLater); without, it converts the sums per currency and day.
const distinctAccounts = countDistinct('opportunities', 'account_id', { date: 'closed_on' })
function compiled(dialect: Dialect, perRecord = false): string {
  return compileMeasures({
    dialect,
    source: 'opportunities',
    measures: [
      { key: 'm0', measure: measureSchema.parse(wonRevenue) },
      { key: 'm1', measure: measureSchema.parse(wonCycle) },
      ...(perRecord ? [{ key: 'm2', measure: measureSchema.parse(distinctAccounts) }] : []),
    ],
    periods: [
      {
        start: '2026-04-01',
        end: '2026-06-30',
        ref: '2026-04-01',
        openFrom: '2026-07-01',
        knownEnd: '2026-06-30',
      } as never,
    ],
    by: ['rep'],
    filters: {},
    asOf: '2026-09-30',
    baseCurrency: 'USD',
  }).sql
}

describe('compiled SQL per dialect', () => {
  it('DuckDB: fx rates joined per day (a hash join, no ASOF), date_diff for days', () => {
    const sql = compiled(duckdbDialect)
    expect(sql).toContain('range(0, COALESCE(')
    expect(sql).not.toContain('ASOF')
    expect(sql).toContain("date_diff('day'")
  })

  it('PostgreSQL: a LATERAL lookup for fx rates, date subtraction for days, no DuckDB functions', () => {
    const sql = compiled(postgresDialect)
    expect(sql).toContain('LEFT JOIN LATERAL')
    expect(sql).toMatch(/CAST\(o\.closed_asof AS DATE\) - CAST\(o\.created_on AS DATE\)/)
    for (const duckdbOnly of ['ASOF', 'date_diff', 'TRY_CAST', 'regexp_full_match', 'epoch(']) {
      expect(sql).not.toContain(duckdbOnly)
    }
  })

  it("deals read once on PostgreSQL (a fenced view, periods joined on their bounds); through the periods' days on DuckDB; money converted per currency and day", () => {
    for (const sql of [compiled(postgresDialect), compiled(duckdbDialect)]) {
      // No rate looked up per deal: the sums of a currency and day are converted.
      expect(sql).not.toContain('UNION ALL')
      expect(sql).not.toMatch(/o\.amount\) AS amount_base|o\.amount \* CASE/)
      expect(sql).toMatch(
        /GROUP BY p\.idx, s\.dim_rep, s\.currency, CASE WHEN s\.currency = \$\d+ THEN NULL ELSE s\.fx_date END/,
      )
      expect(sql).toMatch(
        /SUM\((CAST\()?i\.m0_value( AS DECIMAL\(38,4\)\))? \* CASE WHEN i\.fx_currency = \$\d+ THEN 1 ELSE fx\.rate END\) AS m0_value/,
      )
    }
    const pg = compiled(postgresDialect)
    expect(pg).toMatch(/OFFSET 0\s*\) s ON s\.closed_on BETWEEN p\.period_start AND p\.known_end/)
    const duck = compiled(duckdbDialect)
    expect(duck).not.toContain('OFFSET 0')
    expect(duck).toMatch(/\) d ON d\.idx = p\.idx\s+JOIN \(/)
    expect(duck).toMatch(/\) s ON s\.closed_on = d\.on_day/)
    expect(pg).not.toContain('generate_series')
  })

  it('a query with a distinct count converts each deal: in one pass on PostgreSQL, by currency on DuckDB', () => {
    const pg = compiled(postgresDialect, true)
    expect(pg).not.toContain('UNION ALL')
    expect(pg).toMatch(/o\.amount \* CASE WHEN o\.currency = \$\d+ THEN 1 ELSE fx\.rate END/)
    expect(pg).not.toContain('fx_currency')
    const duck = compiled(duckdbDialect, true)
    expect(duck).toContain('UNION ALL')
    expect(duck).not.toContain('fx_currency')
  })

  it('type checks: TRY_CAST on DuckDB, pattern checks and catching functions on PostgreSQL', () => {
    expect(duckdbDialect.tryCast('x', 'decimal')).toBe('TRY_CAST(x AS DECIMAL(18,4))')
    expect(postgresDialect.tryCast('x', 'decimal')).toMatch(
      /^CASE WHEN x ~ '.+' AND .+ THEN CAST\(x AS NUMERIC\(18,4\)\) END$/,
    )
    // A plain date whose day exists in every month is cast inline; the rest goes through the function.
    expect(postgresDialect.tryCast('x', 'date')).toMatch(
      /^CASE WHEN x ~ '.+' THEN CAST\(x AS DATE\) ELSE miernik_try_date\(x\) END$/,
    )
    expect(postgresDialect.setupStatements().join('\n')).toContain(
      'EXCEPTION WHEN OTHERS THEN RETURN NULL',
    )
    expect(duckdbDialect.setupStatements()).toEqual([])
  })
})

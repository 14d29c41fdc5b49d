import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/store.js'
import { emptyStore } from '../helpers.js'

// The lookups of the row in force on a date (fx rates; a rep's team), checked on every
// engine against rates and teams worked out by hand, edges included: the first rate's
// day, the day before it, a gap between rates, after the last, a timestamp, no date.
let store: Store
beforeEach(async () => {
  store = await emptyStore()
  await store.run(`INSERT INTO fx_rates VALUES
    ('EUR', DATE '2026-01-01', 1.1), ('EUR', DATE '2026-01-31', 1.2), ('EUR', DATE '2026-03-15', 1.3),
    ('GBP', DATE '2025-12-01', 1.5)`)
})
afterEach(() => store.close())

const probes: [string, string, string | null, number | null][] = [
  // currency, date (SQL), what it is, expected rate
  ['EUR', "DATE '2025-12-31'", 'the day before the first rate', null],
  ['EUR', "DATE '2026-01-01'", "the first rate's day", 1.1],
  ['EUR', "DATE '2026-01-30'", 'the day before the next', 1.1],
  ['EUR', "DATE '2026-01-31'", "the next rate's day", 1.2],
  ['EUR', "DATE '2026-03-14'", 'the end of a gap', 1.2],
  ['EUR', "DATE '2026-03-15'", "the last rate's day", 1.3],
  ['EUR', "DATE '2031-07-01'", 'years after the last rate', 1.3],
  ['EUR', "TIMESTAMP '2026-01-31 23:59:00'", 'a timestamp on a rate day', 1.2],
  ['EUR', 'CAST(NULL AS DATE)', 'no date', null],
  ['GBP', "DATE '2026-02-01'", 'another currency', 1.5],
  ['PLN', "DATE '2026-02-01'", 'a currency without rates', null],
]

describe('the fx rate in force on a date (Dialect.fxRateJoin)', () => {
  it.each(probes)('%s on %s (%s) → %s', async (currency, date, _what, rate) => {
    const d = store.dialect
    const [row] = await store.query(
      `SELECT CAST(fx.rate AS DOUBLE PRECISION) AS rate
         FROM (SELECT CAST('${currency}' AS ${d.columnType('text')}) AS currency, ${date} AS on_day) o
         ${d.fxRateJoin('o.currency', 'o.on_day', 'fx')}`,
    )
    expect(row?.rate === null ? null : Number(row?.rate)).toBe(rate)
  })

  it('one row per record: a join never multiplies the deals', async () => {
    const [row] = await store.query(
      `SELECT COUNT(*) AS n FROM (SELECT 'EUR' AS currency, CAST(DATE '2026-01-01' + CAST(i AS INTEGER) AS DATE) AS on_day
         FROM ${store.dialect.name === 'duckdb' ? 'range(0, 400) t(i)' : 'generate_series(0, 399) t(i)'}) o
       ${store.dialect.fxRateJoin('o.currency', 'o.on_day', 'fx')}`,
    )
    expect(Number(row?.n)).toBe(400)
  })
})

describe("a rep's team on a date (Dialect.latestJoin over rep_teams)", () => {
  it('takes the row whose span holds the date, none before the first', async () => {
    await store.run(`INSERT INTO rep_teams (rep_id, valid_from, team) VALUES
      ('r1', DATE '2026-01-01', 'north'), ('r1', DATE '2026-04-01', 'south'), ('r2', DATE '2026-02-01', 'east')`)
    const rows = await store.query(
      `SELECT o.rep, CAST(o.on_day AS VARCHAR) AS on_day, rt.team
         FROM (VALUES ('r1', DATE '2025-12-31'), ('r1', DATE '2026-03-31'), ('r1', DATE '2026-04-01'),
                      ('r1', DATE '2027-01-01'), ('r2', DATE '2026-02-01'), ('r3', DATE '2026-02-01')) o(rep, on_day)
         ${store.dialect.latestJoin({ table: 'rep_teams', key: 'rep_id', on: 'valid_from', columns: ['team'], keyExpr: 'o.rep', dateExpr: 'o.on_day', alias: 'rt' })}
        ORDER BY o.rep, o.on_day`,
    )
    expect(rows.map((r) => [r.rep, r.on_day, r.team])).toEqual([
      ['r1', '2025-12-31', null],
      ['r1', '2026-03-31', 'north'],
      ['r1', '2026-04-01', 'south'],
      ['r1', '2027-01-01', 'south'],
      ['r2', '2026-02-01', 'east'],
      ['r3', '2026-02-01', null],
    ])
  })
})

describe('the distinct values of an indexed column (Dialect.indexedDistinct)', () => {
  it('each value once, NULL left out, however the rows are spread', async () => {
    await store.run(`INSERT INTO spend (period_start, period_end, category, channel, amount, currency) VALUES
      (DATE '2026-01-01', DATE '2026-01-31', 'ads', 'a', 1, 'USD'), (DATE '2026-02-01', DATE '2026-02-28', 'ads', 'a', 1, 'EUR'),
      (DATE '2026-03-01', DATE '2026-03-31', 'ads', 'a', 1, 'USD'), (DATE '2026-04-01', DATE '2026-04-30', 'ads', 'a', 1, 'PLN'),
      (DATE '2026-05-01', DATE '2026-05-31', 'ads', 'a', 1, 'EUR'), (DATE '2026-06-01', DATE '2026-06-30', 'ads', 'a', 1, NULL)`)
    const rows = await store.query(store.dialect.indexedDistinct('spend', 'currency'))
    expect(rows.map((r) => r.value).sort()).toEqual(['EUR', 'PLN', 'USD'])
    expect(await store.query(store.dialect.indexedDistinct('quotas', 'currency'))).toEqual([])
  })
})

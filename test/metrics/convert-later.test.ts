import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '../../src/metrics/catalog.js'
import { compileMeasures, convertsLater } from '../../src/metrics/compile-sql.js'
import type { Dimension, Measure } from '../../src/metrics/metric-schema.js'
import { measureSchema } from '../../src/metrics/metric-schema.js'
import { countDistinct, wonCount, wonCycle, wonRevenue } from '../../src/metrics/measures.js'
import type { PlannedPeriod } from '../../src/metrics/plan.js'
import type { Store } from '../../src/store/store.js'
import { openStore } from '../../src/store/open-store.js'
import { memoryLocation } from '../engine.js'
import { emptyStore, plusDays } from '../helpers.js'

// A measure query sums money per currency and conversion day, then converts the sums
// (convertsLater); with a distinct count among its measures it converts every deal it reads
// instead. Both must give the same figures to the last digit: on every engine, over deals
// in three currencies with rates that change every few days (ten decimal places), amounts
// with four, deals closed before their currency's first rate, a currency with no rate at
// all, deals without an amount, open and closed deals, grouped and not.
const pipelineCoverage = catalog.find((m) => m.id === 'pipeline_coverage')
if (!pipelineCoverage) throw new Error('pipeline_coverage is in the catalogue')
const parse = (m: unknown): Measure => measureSchema.parse(m)
const windows: Record<string, Measure[]> = {
  'closed (revenue, won, cycle)': [wonRevenue, wonCount, wonCycle].map(parse),
  'closed to the reference date (won so far)': [parse(pipelineCoverage.measures.wonSoFar)],
  'open pipeline': [parse(pipelineCoverage.measures.pipeline)],
}
const quarter = (start: string, end: string, ref: string): PlannedPeriod =>
  ({ start, end, ref, openFrom: plusDays(ref, 1), knownEnd: end }) as never
// Reference points within the quarters, so that "to the reference date" is not empty.
const periods = [
  quarter('2026-01-01', '2026-03-31', '2026-02-14'),
  quarter('2026-04-01', '2026-06-30', '2026-05-20'),
]
const asOf = '2026-09-30'

/** A small deterministic generator (mulberry32), so every engine reads the same deals. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let store: Store
beforeAll(async () => {
  store = await openStore(memoryLocation(), { create: true })
  const next = random(42)
  const rates: string[] = []
  // EUR from 2026-01-20 (deals closed before have no rate), GBP all year; PLN has none.
  for (let day = 19; day < 300; day += 1 + Math.floor(next() * 6))
    rates.push(`('EUR', DATE '${plusDays('2026-01-01', day)}', ${(1 + next()).toFixed(10)})`)
  for (let day = -40; day < 300; day += 3 + Math.floor(next() * 9))
    rates.push(`('GBP', DATE '${plusDays('2026-01-01', day)}', ${(1.1 + next()).toFixed(10)})`)
  await store.run(`INSERT INTO fx_rates VALUES ${rates.join(', ')}`)
  const deals: string[] = []
  for (let i = 0; i < 600; i++) {
    const created = plusDays('2025-11-01', Math.floor(next() * 200))
    const status = ['won', 'won', 'lost', 'open'][Math.floor(next() * 4)] as string
    const closed = status === 'open' ? null : plusDays(created, Math.floor(next() * 120))
    const expected = plusDays(created, Math.floor(next() * 150))
    const currency = ['USD', 'USD', 'EUR', 'GBP', 'PLN'][Math.floor(next() * 5)] as string
    const amount = next() < 0.05 ? 'NULL' : (next() * 100000).toFixed(4)
    const q = (v: string | null) => (v === null ? 'NULL' : `'${v}'`)
    deals.push(
      `('d${i}', 'r${i % 4}', 'a${i % 37}', ${q(status)}, ${amount}, ${q(currency)}, DATE '${created}', ${closed ? `DATE '${closed}'` : 'NULL'}, DATE '${expected}')`,
    )
  }
  await store.run(
    `INSERT INTO opportunities (id, owner_id, account_id, status, amount, currency, created_on, closed_on, expected_close_on)
     VALUES ${deals.join(', ')}`,
  )
})
afterAll(() => store.close())

/** A distinct count in the same window as `m`, so the query joins its deals alike. */
const distinctOf = (m: Measure) =>
  parse(countDistinct('opportunities', 'id', { window: m.window, date: m.date }))

/** The rows of a measure query, its values as exact decimals (no trailing zeros). */
async function rows(measures: Measure[], by: Dimension[], perRecord: boolean, from = store) {
  const input = {
    dialect: from.dialect,
    source: 'opportunities' as const,
    measures: [
      ...measures.map((measure, i) => ({ key: `m${i}`, measure })),
      // A distinct count sends the whole query through the per-record conversion.
      ...(perRecord ? [{ key: 'x', measure: distinctOf(measures[0] as Measure) }] : []),
    ],
    periods,
    by,
    filters: {},
    asOf,
    baseCurrency: 'USD',
  }
  expect(convertsLater(input)).toBe(!perRecord)
  const { sql, params } = compileMeasures(input)
  const exact = (v: unknown) =>
    v === null ? null : String(v).includes('.') ? String(v).replace(/\.?0+$/, '') : String(v)
  return (await from.query(sql, params))
    .map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => k !== 'x_value')
          .map(([k, v]) => [k, exact(v)]),
      ),
    )
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
}

describe('money converted after aggregating equals money converted deal by deal', () => {
  for (const [window, measures] of Object.entries(windows)) {
    for (const by of [[], ['rep']] as Dimension[][]) {
      it(`${window}${by.length ? `, by ${by.join(', ')}` : ''}`, async () => {
        const later = await rows(measures, by, false)
        expect(later).toEqual(await rows(measures, by, true))
        // Not an empty comparison: money was summed in both quarters.
        const money = later.filter((r) => r.m0_value !== null && r.m0_value !== '0')
        expect(money.length).toBeGreaterThanOrEqual(by.length ? 8 : 2)
      })
    }
  }

  it('sums of a currency without rates stay unknown, as its deals do one by one', async () => {
    const pln = await emptyStore()
    await pln.run(`INSERT INTO fx_rates VALUES ('EUR', DATE '2026-01-01', 1.5)`)
    await pln.run(`INSERT INTO opportunities (id, status, amount, currency, created_on, closed_on)
      VALUES ('p1', 'won', 10.5, 'PLN', DATE '2026-01-05', DATE '2026-02-01'),
             ('p2', 'won', 20.25, 'PLN', DATE '2026-03-01', DATE '2026-05-01')`)
    const revenue = async (perRecord: boolean) =>
      (await rows([parse(wonRevenue)], [], perRecord, pln)).map((r) => [r.idx, r.m0_value])
    expect(await revenue(false)).toEqual([
      ['0', null],
      ['1', null],
    ])
    expect(await revenue(false)).toEqual(await revenue(true))
  })
})

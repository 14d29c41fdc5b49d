import { describe, expect, it } from 'vitest'
import { getMetric } from '../../src/metrics/catalog.js'
import { computeMany } from '../../src/metrics/compute.js'
import { fixture, one, rowOf, run, storeWith, vnd, writeFixture, Q2 } from '../helpers.js'

// forecast fixture (see pipeline.test.ts): won in Q2 f1..f4 4 × 250,000 (f1, f2 r1; f3, f4
// r2); f6 r1 200,000 on Aug 10. Commit forecasts of Q2, company: Feb 1 700,000; Mar 15
// 900,000; Apr 1 and Apr 10 1,000,000 (once Q2 began); Mar 20 1,200,000 is best_case.
// rep:r1 400,000 and rep:r2 2,000,000 made Mar 15. Q3: monthly 100,000 + 100,000 + 50,000.

describe('forecast_bias: (forecast − actual) / actual, signed', () => {
  it('900k forecast, 1M won → −10%: under-forecast (metric-definitions.md §11)', async () => {
    const store = await storeWith(fixture('forecast'))
    const r = await one(store, 'forecast_bias')
    expect(r.value).toBeCloseTo(-0.1, 12)
    expect(r).toMatchObject({ numerator: 1_000_000, denominator: 900_000, unit: 'ratio' })
  })

  it('by rep: r1 400k vs 500k → −20%; r2 2M vs 500k → +300% (not floored, unlike accuracy)', async () => {
    const store = await storeWith(fixture('forecast'))
    const rows = await run(store, 'forecast_bias', { by: ['rep'] })
    expect(rowOf(rows, { rep: 'r1' }).value).toBeCloseTo(-0.2, 12)
    expect(vnd(rowOf(rows, { rep: 'r2' }))).toEqual({
      value: 3,
      numerator: 500_000,
      denominator: 2_000_000,
    })
  })

  it('monthly forecasts covering Q3: 250k vs 200k won → +25%, over-forecast', async () => {
    const store = await storeWith(fixture('forecast'))
    const r = await one(store, 'forecast_bias', { from: '2026-07-01', to: '2026-09-30' })
    expect(vnd(r)).toEqual({ value: 0.25, numerator: 200_000, denominator: 250_000 })
  })

  it('null like accuracy: period_running, no_forecast, zero_base', async () => {
    const store = await storeWith(fixture('forecast'))
    expect(await one(store, 'forecast_bias', { asOf: '2026-05-20' })).toMatchObject({
      value: null,
      reason: 'period_running',
    })
    const q4 = { from: '2026-10-01', to: '2026-12-31', asOf: '2026-12-31' }
    expect(await one(store, 'forecast_bias', q4)).toMatchObject({
      value: null,
      numerator: 0,
      reason: 'no_forecast',
    })
    // A forecast for a quarter in which nothing was won: a ratio to 0 is no number.
    const empty = await storeWith(
      writeFixture({
        forecasts: [
          {
            made_on: '2026-03-01',
            period_start: '2026-04-01',
            period_end: '2026-06-30',
            amount: 100,
          },
        ],
      }),
    )
    expect(vnd(await one(empty, 'forecast_bias'))).toEqual({
      value: null,
      numerator: 0,
      denominator: 100,
      reason: 'zero_base',
    })
  })

  it('closer to zero is better, in the catalogue', () => {
    expect(getMetric('forecast_bias')).toMatchObject({ direction: 'zero', unit: 'ratio' })
  })
})

describe('forecastMadeBefore: the forecast made before a date, not before the period', () => {
  const both = ['forecast_accuracy', 'forecast_bias']
  const values = async (query: Parameters<typeof run>[2]) => {
    const store = await storeWith(fixture('forecast'))
    const rows = await run(store, both, query)
    return rows.map((r) => [r.metric, r.value === null ? r.reason : Number(r.value.toFixed(12))])
  }

  it('before Mar 15 (strictly): the Feb 1 forecast, 700k → accuracy 70%, bias −30%', async () => {
    expect(await values({ forecastMadeBefore: '2026-03-15' })).toEqual([
      ['forecast_accuracy', 0.7],
      ['forecast_bias', -0.3],
    ])
  })

  it('before Mar 21: still the Mar 15 commit (the Mar 20 best case is not a commit)', async () => {
    expect(await values({ forecastMadeBefore: '2026-03-21' })).toEqual([
      ['forecast_accuracy', 0.9],
      ['forecast_bias', -0.1],
    ])
  })

  it('a date inside the period: the re-forecast made in it, 1M → 100%, 0', async () => {
    expect(await values({ forecastMadeBefore: '2026-04-05' })).toEqual([
      ['forecast_accuracy', 1],
      ['forecast_bias', 0],
    ])
  })

  it('a date before every forecast: no_forecast; per rep as well', async () => {
    expect(await values({ forecastMadeBefore: '2026-01-15' })).toEqual([
      ['forecast_accuracy', 'no_forecast'],
      ['forecast_bias', 'no_forecast'],
    ])
    const store = await storeWith(fixture('forecast'))
    const rows = await run(store, 'forecast_accuracy', {
      by: ['rep'],
      forecastMadeBefore: '2026-03-01',
    })
    expect(rows.map((r) => r.reason)).toEqual(['no_forecast', 'no_forecast'])
  })

  it('queries with and without it asked together are answered apart', async () => {
    const store = await storeWith(fixture('forecast'))
    const query = { ...Q2, metrics: ['forecast_accuracy'] }
    const [plain, earlier] = await computeMany(store, [
      query,
      { ...query, forecastMadeBefore: '2026-03-01' },
    ])
    expect(plain?.[0]?.value).toBeCloseTo(0.9, 12)
    expect(earlier?.[0]?.value).toBeCloseTo(0.7, 12)
  })

  it('is a date', async () => {
    const store = await storeWith(fixture('forecast'))
    await expect(run(store, 'forecast_bias', { forecastMadeBefore: '2026-13-01' })).rejects.toThrow(
      /forecastMadeBefore: expected a date YYYY-MM-DD/,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { fixture, one, rowOf, run, storeWith, vnd, writeFixture } from '../helpers.js'

// pipeline-coverage fixture, all amounts in the base currency, Q3 2026 = Jul 1..Sep 30:
//   quotas: r1 100,000; r2 30,000; r3 none.
//   d1 r1 open, created Jun 1, expected Aug 15, 150,000
//   d2 r1 won Aug 1, created May 1, expected Jul 20, 50,000
//   d3 r1 lost Jun 20 (before Q3), expected Jul 10, 70,000
//   d4 r1 open, created Jul 5 (after Q3 began), expected Sep 1, 40,000
//   d5 r1 open, created Jun 1, expected Oct 5 (outside Q3), 80,000
//   d6 r2 won Jul 10, created Jun 1, expected Jul 15, 30,000
//   d7 r3 open, created Jun 1, expected Aug 1, 25,000
const Q3 = { from: '2026-07-01', to: '2026-09-30' }

describe('pipeline_coverage, a past period (reference date = its start, Jul 1)', () => {
  const past = { ...Q3, asOf: '2026-10-15' }

  it('by rep: open pipeline at Jul 1 / quota', async () => {
    const store = await storeWith(fixture('pipeline-coverage'))
    const rows = await run(store, 'pipeline_coverage', { ...past, by: ['rep'] })
    // r1: d1 150,000 + d2 50,000 (won later, but open on Jul 1) = 200,000 / 100,000 = 2
    expect(vnd(rowOf(rows, { rep: 'r1' }))).toEqual({
      value: 2,
      numerator: 200_000,
      denominator: 100_000,
    })
    // r2: d6 30,000 (open on Jul 1) / 30,000 = 1
    expect(vnd(rowOf(rows, { rep: 'r2' }))).toEqual({
      value: 1,
      numerator: 30_000,
      denominator: 30_000,
    })
    // r3 has pipeline but no quota.
    expect(rowOf(rows, { rep: 'r3' })).toMatchObject({
      value: null,
      numerator: 25_000,
      reason: 'no_quota',
    })
  })

  it('company: (200,000 + 30,000 + 25,000) / (100,000 + 30,000)', async () => {
    const store = await storeWith(fixture('pipeline-coverage'))
    const r = await one(store, 'pipeline_coverage', past)
    expect(r.numerator).toBe(255_000)
    expect(r.denominator).toBe(130_000)
    expect(r.value).toBeCloseTo(255 / 130, 12)
  })

  it('by team: north = r1 + r2, south has no quota', async () => {
    const store = await storeWith(fixture('pipeline-coverage'))
    const rows = await run(store, 'pipeline_coverage', { ...past, by: ['team'] })
    expect(vnd(rowOf(rows, { team: 'north' }))).toEqual({
      value: 230_000 / 130_000,
      numerator: 230_000,
      denominator: 130_000,
    })
    expect(rowOf(rows, { team: 'south' })).toMatchObject({ value: null, reason: 'no_quota' })
  })
})

describe('pipeline_coverage, the running period (reference date = as-of, Aug 16)', () => {
  const running = { ...Q3, asOf: '2026-08-16' }

  it('revenue won before as-of reduces the quota still to win', async () => {
    const store = await storeWith(fixture('pipeline-coverage'))
    const rows = await run(store, 'pipeline_coverage', { ...running, by: ['rep'] })
    // r1 open on Aug 16 with expected close in Q3: d1 150,000 + d4 40,000 = 190,000.
    // Quota still to win: 100,000 − d2 50,000 (won Aug 1) = 50,000 → 3.8.
    expect(vnd(rowOf(rows, { rep: 'r1' }))).toEqual({
      value: 3.8,
      numerator: 190_000,
      denominator: 50_000,
    })
    // r2 won d6 (30,000) on Jul 10: quota met, coverage undefined.
    expect(rowOf(rows, { rep: 'r2' })).toMatchObject({
      value: null,
      numerator: 0,
      reason: 'quota_met',
    })
  })

  it('a deal closed after as-of is still open for it', async () => {
    const store = await storeWith(fixture('pipeline-coverage'))
    // As of Jul 20: d2 (won Aug 1) is open, nothing won yet. r1: d1 + d2 + d4 = 240,000 / 100,000.
    const rows = await run(store, 'pipeline_coverage', { ...Q3, asOf: '2026-07-20', by: ['rep'] })
    expect(vnd(rowOf(rows, { rep: 'r1' }))).toEqual({
      value: 2.4,
      numerator: 240_000,
      denominator: 100_000,
    })
  })
})

describe('pipeline_coverage without quotas', () => {
  it('is null with no_quota', async () => {
    const store = await storeWith(fixture('pipeline-coverage'))
    const r = await one(store, 'pipeline_coverage', {
      from: '2026-10-01',
      to: '2026-12-31',
      asOf: '2026-10-15',
    })
    // d5 (expected Oct 5) is the only pipeline of Q4; there is no Q4 quota.
    expect(r).toMatchObject({ value: null, numerator: 80_000, reason: 'no_quota' })
  })
})

// forecast fixture: won f1..f4 4 × 250,000 in Q2 (f1, f2 r1; f3, f4 r2), f6 r1 200,000 on Aug 10.
// Company commit forecasts for Q2: Feb 1 700,000; Mar 15 900,000 (the latest before Apr 1);
// Apr 1 and Apr 10 1,000,000 (made once Q2 began: ignored); Mar 20 best_case 1,200,000 (not commit).
describe('forecast_accuracy', () => {
  it('forecast 900k made before the period, actual 1M → 0.9 (design §4)', async () => {
    const store = await storeWith(fixture('forecast'))
    const r = await one(store, 'forecast_accuracy')
    expect(r.value).toBeCloseTo(0.9, 12)
    expect(r).toMatchObject({ numerator: 1_000_000, denominator: 900_000 })
  })

  it('by rep: r1 400k vs 500k → 0.8; r2 2M vs 500k → floored at 0', async () => {
    const store = await storeWith(fixture('forecast'))
    const rows = await run(store, 'forecast_accuracy', { by: ['rep'] })
    expect(rowOf(rows, { rep: 'r1' }).value).toBeCloseTo(0.8, 12)
    expect(vnd(rowOf(rows, { rep: 'r2' }))).toEqual({
      value: 0,
      numerator: 500_000,
      denominator: 2_000_000,
    })
  })

  it('monthly forecasts covering a quarter add up: Q3 100k + 100k + 50k vs 200k won → 0.75', async () => {
    // The monthly rows have an empty category: it defaults to commit on import.
    const store = await storeWith(fixture('forecast'))
    const r = await one(store, 'forecast_accuracy', { from: '2026-07-01', to: '2026-09-30' })
    expect(vnd(r)).toEqual({ value: 0.75, numerator: 200_000, denominator: 250_000 })
  })

  it('a period after as-of has not started: no forecast to judge yet', async () => {
    // As of Jun 1 the monthly Q3 forecasts (made Jun 15) have not been made, and Q3 has not begun.
    const store = await storeWith(fixture('forecast'))
    const r = await one(store, 'forecast_accuracy', {
      from: '2026-07-01',
      to: '2026-09-30',
      asOf: '2026-06-01',
    })
    expect(r).toMatchObject({ value: null, reason: 'not_started' })
  })

  it('a running period is null (period_running): there is no actual yet', async () => {
    const store = await storeWith(fixture('forecast'))
    const r = await one(store, 'forecast_accuracy', { asOf: '2026-05-20' })
    expect(r).toMatchObject({ value: null, reason: 'period_running', running: true })
  })

  it('is null (no_forecast) without a forecast made before the period', async () => {
    const store = await storeWith(fixture('forecast'))
    const r = await one(store, 'forecast_accuracy', {
      from: '2026-10-01',
      to: '2026-12-31',
      asOf: '2026-12-31',
    })
    expect(r).toMatchObject({ value: null, numerator: 0, reason: 'no_forecast' })
  })
})

describe('pipeline_coverage on the as-of day itself', () => {
  it('a deal won on the as-of date is won, not open pipeline: 300 / (1,000 − 400)', async () => {
    const dir = writeFixture({
      quotas: [
        { rep_id: 'r1', period_start: '2026-04-01', period_end: '2026-06-30', amount: 1000 },
      ],
      opportunities: [
        {
          id: 'open',
          owner_id: 'r1',
          status: 'open',
          amount: 300,
          created_on: '2026-04-02',
          expected_close_on: '2026-06-01',
        },
        {
          id: 'today',
          owner_id: 'r1',
          status: 'won',
          amount: 400,
          created_on: '2026-04-03',
          closed_on: '2026-05-15',
          expected_close_on: '2026-06-01',
        },
      ],
    })
    const store = await storeWith(dir)
    const asOf = { from: '2026-04-01', to: '2026-06-30', asOf: '2026-05-15' }
    expect(vnd(await one(store, 'pipeline_coverage', asOf))).toEqual({
      value: 0.5,
      numerator: 300,
      denominator: 600,
    })
    expect((await one(store, 'total_revenue', asOf)).value).toBe(400)
  })
})

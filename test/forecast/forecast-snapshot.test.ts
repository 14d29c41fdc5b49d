import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { takeForecastSnapshot } from '../../src/forecast/forecast-snapshot.js'
import { importFile } from '../../src/ingest/import-file.js'
import { dataVersion } from '../../src/store/data-version.js'
import type { Store } from '../../src/store/store.js'
import { importDir, emptyStore, one, run, rowOf, storeWith, vnd, writeFixture } from '../helpers.js'
import { snapshotFiles } from './snapshot-deals.js'

// The deals and every expected figure: snapshot-deals.ts.
const Q3 = { start: '2026-07-01', end: '2026-09-30' }
const deals = (categorised = false) => storeWith(writeFixture(snapshotFiles(categorised)))
const snap = (store: Store, madeOn: string, period = Q3) =>
  takeForecastSnapshot(store, { madeOn, period })

/** The forecasts table of one made_on, as scope → category → amount. */
async function stored(
  store: Store,
  madeOn: string,
): Promise<Record<string, Record<string, number>>> {
  const rows = await store.query(
    `SELECT scope, category, amount, currency, CAST(period_start AS VARCHAR) AS ps, CAST(period_end AS VARCHAR) AS pe
       FROM forecasts WHERE made_on = CAST($1 AS DATE)`,
    [madeOn],
  )
  const out: Record<string, Record<string, number>> = {}
  for (const r of rows) {
    expect(r).toMatchObject({ currency: 'USD' })
    ;(out[String(r.scope)] ??= {})[String(r.category)] = Number(r.amount)
  }
  return out
}

describe('forecast snapshot without forecast categories: the weighted expected value as commit', () => {
  it('won so far + open deals in the period × their probability, per company, team and rep', async () => {
    const store = await deals()
    const s = await snap(store, '2026-08-15')
    expect(s).toMatchObject({
      made_on: '2026-08-15',
      period_start: '2026-07-01',
      period_end: '2026-09-30',
      currency: 'USD',
      categorised: false,
      replaced: 0,
      deals: { won: 2, open: 7, noAmount: 1, noProbability: 1 },
    })
    expect(await stored(store, '2026-08-15')).toEqual({
      company: { commit: 38_000 },
      'team:North': { commit: 23_000 },
      'team:South': { commit: 6_000 },
      'team:West': { commit: 9_000 },
      'rep:r1': { commit: 20_000 },
      'rep:r2': { commit: 15_000 },
      'rep:r3': { commit: 3_000 },
    })
    // In print order, with the won part of each scope.
    expect(s.rows.map((r) => [r.scope, r.category, Number(r.amount), Number(r.won)])).toEqual([
      ['company', 'commit', 38_000, 16_000],
      ['team:North', 'commit', 23_000, 10_000],
      ['team:South', 'commit', 6_000, 6_000],
      ['team:West', 'commit', 9_000, 0],
      ['rep:r1', 'commit', 20_000, 10_000],
      ['rep:r2', 'commit', 15_000, 6_000],
      ['rep:r3', 'commit', 3_000, 0],
    ])
  })

  it('as of made_on: deals created later, closes and rates of later days do not exist yet', async () => {
    // Jun 20: w1, w2 still open (without an expected close), o5 not created, EUR at 1.2.
    const store = await deals()
    await snap(store, '2026-06-20')
    expect(await stored(store, '2026-06-20')).toEqual({
      company: { commit: 21_400 },
      'team:North': { commit: 12_400 },
      'team:South': { commit: 9_000 },
      'rep:r1': { commit: 10_000 },
      'rep:r2': { commit: 9_000 },
      'rep:r3': { commit: 2_400 },
    })
  })

  it('running again the same day replaces that snapshot (and only it); the data version moves', async () => {
    const store = await deals()
    await snap(store, '2026-06-20')
    const before = await dataVersion(store)
    const first = await snap(store, '2026-08-15')
    expect(await dataVersion(store)).not.toBe(before)
    const again = await snap(store, '2026-08-15')
    expect(again.replaced).toBe(7)
    expect(again.rows).toEqual(first.rows)
    const [count] = await store.query(`SELECT COUNT(*) AS n FROM forecasts`)
    expect(Number(count?.n)).toBe(7 + 6)
  })

  it('a deal changed after made_on counts as it stood then (the change log of imports)', async () => {
    const store = await emptyStore()
    const deal = {
      id: 'x',
      owner_id: 'r1',
      status: 'open',
      created_on: '2026-05-01',
      probability: 100,
    }
    const load = (amount: number, expected: string, at: string) =>
      importFile(
        store,
        'opportunities',
        join(
          writeFixture({ opportunities: [{ ...deal, amount, expected_close_on: expected }] }),
          'opportunities.csv',
        ),
        { observedAt: at },
      )
    await load(5_000, '2026-09-05', '2026-08-10T00:00:00Z')
    // Seen on Sep 1 bigger and pushed into Q4.
    await load(9_000, '2026-10-20', '2026-09-01T00:00:00Z')
    await snap(store, '2026-08-15')
    await snap(store, '2026-09-02')
    expect((await stored(store, '2026-08-15')).company).toEqual({ commit: 5_000 })
    expect((await stored(store, '2026-09-02')).company).toEqual({ commit: 0 })
  })

  it('a forecast imported for the same day and period is replaced; other periods stay', async () => {
    const store = await deals()
    await importDir(
      store,
      writeFixture({
        forecasts: [
          {
            made_on: '2026-08-15',
            period_start: Q3.start,
            period_end: Q3.end,
            amount: 1,
            category: 'best_case',
          },
          {
            made_on: '2026-08-15',
            period_start: '2026-10-01',
            period_end: '2026-12-31',
            amount: 2,
          },
        ],
      }),
    )
    const s = await snap(store, '2026-08-15')
    expect(s.replaced).toBe(1)
    const [other] = await store.query(
      `SELECT amount FROM forecasts WHERE period_start = CAST('2026-10-01' AS DATE)`,
    )
    expect(Number(other?.amount)).toBe(2)
    expect((await stored(store, '2026-08-15')).company).toEqual({ commit: 38_000 })
  })
})

describe('forecast snapshot with forecast categories', () => {
  it('commit = won + commit deals; best_case adds best case; pipeline = won + all not omitted', async () => {
    const store = await deals(true)
    const s = await snap(store, '2026-08-15')
    expect(s.categorised).toBe(true)
    const all = (commit: number, best_case: number, pipeline: number) => ({
      commit,
      best_case,
      pipeline,
    })
    expect(await stored(store, '2026-08-15')).toEqual({
      company: all(26_000, 33_000, 36_000),
      'team:North': all(20_000, 20_000, 23_000),
      'team:South': all(6_000, 6_000, 6_000),
      'team:West': all(0, 7_000, 7_000),
      'rep:r1': all(20_000, 20_000, 20_000),
      'rep:r2': all(6_000, 13_000, 13_000),
      'rep:r3': all(0, 0, 3_000),
    })
    expect(s.rows.slice(0, 3).map((r) => r.category)).toEqual(['commit', 'best_case', 'pipeline'])
  })
})

describe('an empty pipeline is a forecast of nothing, not no forecast', () => {
  it('one company row of what is won so far (0), no team or rep rows', async () => {
    const store = await deals()
    const s = await snap(store, '2026-08-15', { start: '2027-01-01', end: '2027-03-31' })
    expect(s.deals).toEqual({ won: 0, open: 0, noAmount: 0, noProbability: 0 })
    expect(await stored(store, '2026-08-15')).toEqual({ company: { commit: 0 } })
    // Judged later: nothing forecast and nothing won is a ratio to 0 (zero_base), not no_forecast.
    const q1 = { from: '2027-01-01', to: '2027-03-31', asOf: '2027-04-15' }
    expect(vnd(await one(store, 'forecast_accuracy', q1))).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      reason: 'zero_base',
    })
  })

  it('with categories in the data, all three categories of 0; an empty database too', async () => {
    const store = await deals(true)
    await snap(store, '2026-08-15', { start: '2027-01-01', end: '2027-03-31' })
    expect(await stored(store, '2026-08-15')).toEqual({
      company: { commit: 0, best_case: 0, pipeline: 0 },
    })
    const empty = await emptyStore()
    await snap(empty, '2026-08-15')
    expect(await stored(empty, '2026-08-15')).toEqual({ company: { commit: 0 } })
  })

  it('a period over before made_on, or no period at all, is refused', async () => {
    const store = await deals()
    await expect(snap(store, '2026-10-01')).rejects.toMatchObject({ code: 'INVALID_PERIOD' })
    await expect(
      snap(store, '2026-06-01', { start: '2026-09-30', end: '2026-07-01' }),
    ).rejects.toMatchObject({ code: 'INVALID_PERIOD' })
    await expect(snap(store, '2026-02-30')).rejects.toMatchObject({ code: 'USAGE' })
  })
})

describe('forecast accuracy and bias judge the snapshot', () => {
  // Q3 actual as of Oct 15: w1 10,000 + w2 6,000 = 16,000. Snapshots made Jun 20 (21,400)
  // and Aug 15 (38,000; with categories, commit 26,000).
  const judged = { from: Q3.start, to: Q3.end, asOf: '2026-10-15' }
  const both = ['forecast_accuracy', 'forecast_bias']

  it('the one made before Q3 began: 21,400 vs 16,000 → accuracy 66.25%, bias +33.75%', async () => {
    const store = await deals()
    await snap(store, '2026-06-20')
    await snap(store, '2026-08-15')
    const rows = await run(store, both, judged)
    expect(rows.map(vnd)).toEqual([
      { value: 0.6625, numerator: 16_000, denominator: 21_400 },
      { value: 0.3375, numerator: 16_000, denominator: 21_400 },
    ])
  })

  it('forecastMadeBefore Aug 16 picks the mid-quarter one: 38,000 → accuracy 0 (floored), bias +137.5%', async () => {
    const store = await deals()
    await snap(store, '2026-06-20')
    await snap(store, '2026-08-15')
    const rows = await run(store, both, { ...judged, forecastMadeBefore: '2026-08-16' })
    expect(rows.map((r) => r.value)).toEqual([0, 1.375])
  })

  it('with categories the commit row is judged: 26,000 → bias +62.5%', async () => {
    const store = await deals(true)
    await snap(store, '2026-08-15')
    const r = await one(store, 'forecast_bias', { ...judged, forecastMadeBefore: '2026-08-16' })
    expect(vnd(r)).toEqual({ value: 0.625, numerator: 16_000, denominator: 26_000 })
  })

  it('per rep and per team, from the rep: and team: rows', async () => {
    const store = await deals()
    await snap(store, '2026-06-20')
    const reps = await run(store, 'forecast_bias', { ...judged, by: ['rep'] })
    expect(vnd(rowOf(reps, { rep: 'r1' }))).toEqual({
      value: 0,
      numerator: 10_000,
      denominator: 10_000,
    })
    expect(rowOf(reps, { rep: 'r2' }).value).toBeCloseTo(0.5, 12)
    expect(rowOf(reps, { rep: 'r3' })).toMatchObject({ value: null, reason: 'zero_base' })
    // Teams: North forecast 12,400 vs 10,000 won; South (r2's team on Jun 20 and on Jul 20) 9,000 vs 6,000.
    const teams = await run(store, 'forecast_accuracy', { ...judged, by: ['team'] })
    expect(rowOf(teams, { team: 'North' }).value).toBeCloseTo(0.76, 12)
    expect(rowOf(teams, { team: 'South' }).value).toBeCloseTo(0.5, 12)
  })
})

import { describe, expect, it } from 'vitest'
import { compute } from '../../src/metrics/compute.js'
import { lastFullQuarter } from '../../src/metrics/periods.js'
import { fixture, one, run, storeWith } from '../helpers.js'

/** revenue-growth fixture: the first deal was won on Jan 11, 2026 (q1-1). */
describe('data_from: a period starting before the first record', () => {
  it('Q1 2026 starts before the first win; Q2 does not', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const rows = await run(store, 'total_revenue', {
      from: '2026-01-01',
      to: '2026-06-30',
      grain: 'quarter',
    })
    expect(rows.map((r) => [r.period_start, r.value, r.data_from ?? null])).toEqual([
      ['2026-01-01', 800_000, '2026-01-11'],
      ['2026-04-01', 1_000_000, null],
    ])
  })

  it("growth reads the period before: Q2's growth is over a Q1 that started before the data", async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const r = await one(store, 'revenue_growth')
    expect(r).toMatchObject({ value: 0.25, data_from: '2026-01-11' })
  })

  it('an input without records dates nothing', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const r = await one(store, 'customer_acquisition_cost')
    expect(r.data_from).toBeUndefined()
  })
})

describe('filters name values the data has', () => {
  it('an unknown value is an error listing the known ones, not an empty result', async () => {
    const store = await storeWith(fixture('win-rate'))
    const query = {
      metrics: ['win_rate'],
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: '2026-09-30',
    }
    await expect(
      compute(store, { ...query, filters: { segment: ['enterprize'] } }),
    ).rejects.toThrow("unknown segment 'enterprize': the data has enterprise, smb")
    const rows = await compute(store, { ...query, filters: { segment: ['enterprise'] } })
    expect(rows[0]).toMatchObject({ value: 0.5 })
  })
})

describe('the last full quarter (the default period)', () => {
  it('is the quarter before the running one, or the one ending on the as-of date', () => {
    expect(lastFullQuarter('2026-11-27', 1)).toMatchObject({
      start: '2026-07-01',
      end: '2026-09-30',
    })
    expect(lastFullQuarter('2026-09-30', 1)).toMatchObject({
      start: '2026-07-01',
      end: '2026-09-30',
    })
    expect(lastFullQuarter('2026-01-05', 1)).toMatchObject({
      start: '2025-10-01',
      end: '2025-12-31',
    })
    // Fiscal quarters from April: as of Nov 27 the last full one is Jul – Sep too; from February, Aug – Oct.
    expect(lastFullQuarter('2026-11-27', 2)).toMatchObject({
      start: '2026-08-01',
      end: '2026-10-31',
    })
  })
})

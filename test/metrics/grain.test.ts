import { describe, expect, it } from 'vitest'
import { MiernikError } from '../../src/errors.js'
import { catalog } from '../../src/metrics/catalog.js'
import { parsePeriod } from '../../src/metrics/periods.js'
import { emptyStore, fixture, one, run, storeWith } from '../helpers.js'

// fiscal fixture: one won deal on the 15th of each month Apr 2025..Mar 2026 worth 1, 2, 4, ...,
// 2048 (so every sum names its months), and 10,000 won on 2025-01-15.
// Fiscal year starting in April: FQ1 = Apr..Jun = 1+2+4 = 7; FQ2 = 8+16+32 = 56;
// FQ3 = 64+128+256 = 448; FQ4 = 512+1024+2048 = 3584; FY2026 = 4095.
const fiscal = { settings: { fiscal_year_start_month: '4' } }
const asOf = '2026-06-30'

describe('fiscal periods and grains', () => {
  it('FY2026 by quarter: four buckets aligned to April', async () => {
    const store = await storeWith(fixture('fiscal'), fiscal)
    const { from, to } = parsePeriod('FY2026', 4)
    const rows = await run(store, 'total_revenue', { from, to, asOf, grain: 'quarter' })
    expect(rows.map((r) => [r.period_start, r.period_end, r.value])).toEqual([
      ['2025-04-01', '2025-06-30', 7],
      ['2025-07-01', '2025-09-30', 56],
      ['2025-10-01', '2025-12-31', 448],
      ['2026-01-01', '2026-03-31', 3584],
    ])
  })

  it('FY2026-Q1 is Apr..Jun 2025; FY2026 as one year bucket', async () => {
    const store = await storeWith(fixture('fiscal'), fiscal)
    const q1 = parsePeriod('FY2026-Q1', 4)
    expect(await one(store, 'total_revenue', { ...q1, grain: undefined, asOf })).toMatchObject({
      period_start: '2025-04-01',
      period_end: '2025-06-30',
      value: 7,
    })
    const fy = parsePeriod('FY2026', 4)
    const rows = await run(store, 'total_revenue', {
      from: fy.from,
      to: fy.to,
      asOf,
      grain: 'year',
    })
    expect(rows.map((r) => [r.period_start, r.period_end, r.value])).toEqual([
      ['2025-04-01', '2026-03-31', 4095],
    ])
  })

  it('partial buckets at the edges are clipped: May 15..Jun 30 and Jul 1..Aug 10', async () => {
    const store = await storeWith(fixture('fiscal'), fiscal)
    const rows = await run(store, 'total_revenue', {
      from: '2025-05-15',
      to: '2025-08-10',
      asOf,
      grain: 'quarter',
    })
    expect(rows.map((r) => [r.period_start, r.period_end, r.value])).toEqual([
      ['2025-05-15', '2025-06-30', 2 + 4],
      ['2025-07-01', '2025-08-10', 8],
    ])
  })

  it('month grain with compare previous fills previous and change', async () => {
    const store = await storeWith(fixture('fiscal'), fiscal)
    const rows = await run(store, 'total_revenue', {
      from: '2025-04-01',
      to: '2025-06-30',
      asOf,
      grain: 'month',
      compare: 'previous',
    })
    expect(rows.map((r) => [r.period_start, r.value, r.previous, r.change])).toEqual([
      ['2025-04-01', 1, 0, 1], // March 2025 had nothing
      ['2025-05-01', 2, 1, 1],
      ['2025-06-01', 4, 2, 2],
    ])
  })

  it('compare previous of a fiscal quarter is the fiscal quarter before', async () => {
    const store = await storeWith(fixture('fiscal'), fiscal)
    const r = await one(store, 'total_revenue', {
      ...parsePeriod('FY2026-Q2', 4),
      grain: undefined,
      asOf,
      compare: 'previous',
    })
    expect(r).toMatchObject({ value: 56, previous: 7, change: 49 })
  })

  it('compare year_ago: Jan..Mar 2026 against Jan..Mar 2025', async () => {
    const store = await storeWith(fixture('fiscal'), fiscal)
    const r = await one(store, 'total_revenue', {
      from: '2026-01-01',
      to: '2026-03-31',
      asOf,
      compare: 'year_ago',
    })
    expect(r).toMatchObject({ value: 3584, previous: 10_000, change: 3584 - 10_000 })
  })

  it('a ratio with an undefined previous value has previous and change null', async () => {
    const store = await storeWith(fixture('win-rate'))
    const r = await one(store, 'win_rate', {
      from: '2026-04-01',
      to: '2026-06-30',
      compare: 'year_ago',
    })
    expect(r).toMatchObject({ value: 0.25, previous: null, change: null })
  })

  it('revenue_growth with compare: growth of the period and of the one it is compared with', async () => {
    const store = await storeWith(fixture('fiscal'), fiscal)
    // FQ3 448 vs FQ2 56 → 7; FQ2 56 vs FQ1 7 → 7. Change 0.
    const r = await one(store, 'revenue_growth', {
      ...parsePeriod('FY2026-Q3', 4),
      grain: undefined,
      asOf,
      compare: 'previous',
    })
    expect(r).toMatchObject({ value: 7, previous: 7, change: 0 })
  })
})

describe('as-of', () => {
  it('a deal closed after as-of is open; records created after it do not exist', async () => {
    // win-rate fixture as of May 31: w3 (won Jun 30) is still open → Q2 won w1, w2; lost l1..l9.
    const store = await storeWith(fixture('win-rate'))
    const r = await one(store, 'win_rate', { asOf: '2026-05-31' })
    expect(r).toMatchObject({ numerator: 2, denominator: 11 })
    expect((await one(store, 'total_revenue', { asOf: '2026-05-31' })).value).toBe(3000)
    // As of Feb 28 only w0 and l0 (created Jan 1) exist, and w0 (won Mar 31) is not won yet: 0 / 2.
    const early = await one(store, 'opportunity_conversion_rate', {
      from: '2026-01-01',
      to: '2026-03-31',
      asOf: '2026-02-28',
    })
    expect(early).toMatchObject({ value: 0, numerator: 0, denominator: 2 })
  })
})

describe('empty data', () => {
  it('every metric on an empty store: 0 for sums and counts, null with a reason otherwise, never NaN', async () => {
    const store = await emptyStore()
    const rows = await run(
      store,
      catalog.map((m) => m.id),
    )
    const summary = Object.fromEntries(
      rows.map((r) => [r.metric, r.value === null ? r.reason : r.value]),
    )
    expect(summary).toEqual({
      total_revenue: 0,
      revenue_growth: 'zero_base',
      average_deal_size: 'no_won_deals',
      lead_conversion_rate: 'no_leads',
      opportunity_conversion_rate: 'no_opportunities',
      win_rate: 'no_closed_deals',
      sales_cycle_length: 'no_won_deals',
      stage_conversion: 'no_stage_data',
      time_in_stage: 'no_stage_data',
      qualified_leads: 0,
      activities_logged: 0,
      pipeline_velocity: 'no_won_deals',
      forecast_accuracy: 'no_forecast',
      forecast_bias: 'no_forecast',
      pipeline_coverage: 'no_quota',
      customer_acquisition_cost: 'no_new_customers',
      customer_lifetime_value: 'no_customers',
      churn_rate: 'no_subscriptions',
      net_customer_churn: 'no_subscriptions',
      customer_retention_rate: 'no_subscriptions',
      quota_attainment_rate: 'no_quota',
      rep_productivity: 'no_active_reps',
      time_spent_selling: 'no_time_logged',
      lost_deal_rate: 'no_closed_deals',
    })
    for (const r of rows) {
      for (const v of [r.value, r.numerator, r.denominator]) {
        if (v !== null) expect(Number.isFinite(v)).toBe(true)
      }
    }
  })

  it('grouped metrics over no data give one row saying so rather than made-up groups', async () => {
    const store = await emptyStore()
    expect(await run(store, 'win_rate', { by: ['rep'] })).toEqual([
      expect.objectContaining({ group: { rep: null }, value: null, reason: 'no_data' }),
    ])
  })
})

describe('query errors and unsupported slices', () => {
  it('a filter on a dimension the metric lacks gives unsupported_filter', async () => {
    const store = await storeWith(fixture('win-rate'))
    const r = await one(store, 'churn_rate', { filters: { rep: ['r1'] } })
    expect(r).toMatchObject({ value: null, reason: 'unsupported_filter' })
  })

  it('unknown metric and reversed period are errors with codes', async () => {
    const store = await emptyStore()
    await expect(run(store, 'nope')).rejects.toMatchObject({ code: 'METRIC_NOT_FOUND' })
    const reversed = await run(store, 'win_rate', { from: '2026-06-30', to: '2026-04-01' }).catch(
      (e: unknown) => e,
    )
    expect(reversed).toBeInstanceOf(MiernikError)
    expect(reversed).toMatchObject({ code: 'INVALID_PERIOD' })
  })
})

import { describe, expect, it } from 'vitest'
import { one, pad, plusDays, run, storeWith, times, vnd, writeFixture } from '../helpers.js'

describe('lead_conversion_rate', () => {
  // 1000 leads created in Q2 (day i % 91 after Apr 1), every 5th converted (200), some after Q2
  // (the cohort counts conversions whenever they happened up to as-of). Plus 50 leads created
  // in Q1 and converted in Q2: not in the Q2 cohort.
  const leads = [
    ...times(1000, (i) => ({
      id: pad('l', i, 4),
      created_on: plusDays('2026-04-01', i % 91),
      converted_on: i % 5 === 0 ? plusDays('2026-04-01', (i % 91) + 30) : null,
    })),
    ...times(50, (i) => ({
      id: pad('q1-', i),
      created_on: '2026-03-01',
      converted_on: '2026-04-15',
    })),
  ]

  it('1000 leads, 200 converted → 0.2 (design §4)', async () => {
    const store = await storeWith(writeFixture({ leads }))
    expect(vnd(await one(store, 'lead_conversion_rate'))).toEqual({
      value: 0.2,
      numerator: 200,
      denominator: 1000,
    })
  })

  it('conversions after as-of have not happened yet; leads created after it do not exist', async () => {
    const store = await storeWith(writeFixture({ leads }))
    // As of Apr 30: leads created Apr 1..30 exist: i % 91 in 0..29 → 30 days × 11 leads (i < 1000
    // hits each day 10 or 11 times: days 0..90 get 11 for day < 1000 − 910 = 90, else 10) = 330.
    // Converted by Apr 30 (converted_on = created + 30 ≤ Apr 30) needs created ≤ Mar 31: none.
    const r = await one(store, 'lead_conversion_rate', { asOf: '2026-04-30' })
    expect(vnd(r)).toEqual({ value: 0, numerator: 0, denominator: 330 })
  })

  it('is null (no_leads) with no leads in the period', async () => {
    const store = await storeWith(writeFixture({ leads }))
    const r = await one(store, 'lead_conversion_rate', { from: '2025-01-01', to: '2025-03-31' })
    expect(r).toMatchObject({ value: null, reason: 'no_leads', numerator: 0, denominator: 0 })
  })
})

describe('qualified_leads', () => {
  it('500 leads, 150 qualified in Q2 → 150 (design §4)', async () => {
    // 500 leads created in Q2; 150 (i < 150) qualified in Q2, 20 more (150 ≤ i < 170) qualified
    // on Jul 1 (next quarter); the rest never qualified.
    const leads = times(500, (i) => ({
      id: pad('l', i),
      created_on: plusDays('2026-04-01', i % 60),
      qualified_on: i < 150 ? plusDays('2026-04-01', (i % 60) + 5) : i < 170 ? '2026-07-01' : '',
    }))
    const store = await storeWith(writeFixture({ leads }))
    const r = await one(store, 'qualified_leads')
    expect(r).toMatchObject({ value: 150, numerator: 150, unit: 'count' })
    const q3 = await one(store, 'qualified_leads', { from: '2026-07-01', to: '2026-09-30' })
    expect(q3.value).toBe(20)
  })

  it('counts a lead qualified in the period whenever it was created; an empty period is 0', async () => {
    const leads = [
      { id: 'old', created_on: '2025-11-20', qualified_on: '2026-04-02' },
      { id: 'new', created_on: '2026-04-01', qualified_on: '2026-06-30' },
    ]
    const store = await storeWith(writeFixture({ leads }))
    expect((await one(store, 'qualified_leads')).value).toBe(2)
    expect(
      (
        await one(store, 'qualified_leads', {
          from: '2027-01-01',
          to: '2027-01-31',
          asOf: '2027-06-30',
        })
      ).value,
    ).toBe(0)
  })
})

describe('opportunity_conversion_rate', () => {
  it('100 created, 25 won → 0.25 (design §4)', async () => {
    // 100 opportunities created in Q2: 25 won (10 of them closed in Q3: still in the Q2 cohort),
    // 30 lost, 45 open. Plus 10 created in Q1 and won in Q2: not in the cohort.
    const opportunities = [
      ...times(100, (i) => ({
        id: pad('o', i),
        status: i < 25 ? 'won' : i < 55 ? 'lost' : 'open',
        amount: 1000,
        created_on: plusDays('2026-04-01', i % 80),
        closed_on: i < 55 ? (i < 10 ? '2026-07-15' : '2026-06-30') : null,
      })),
      ...times(10, (i) => ({
        id: pad('early', i),
        status: 'won',
        amount: 1000,
        created_on: '2026-03-01',
        closed_on: '2026-04-20',
      })),
    ]
    const store = await storeWith(writeFixture({ opportunities }))
    expect(vnd(await one(store, 'opportunity_conversion_rate'))).toEqual({
      value: 0.25,
      numerator: 25,
      denominator: 100,
    })
    // As of Jul 1 the ten deals won on Jul 15 are still open: 15 / 100.
    const asOfJul = await one(store, 'opportunity_conversion_rate', { asOf: '2026-07-01' })
    expect(vnd(asOfJul)).toEqual({ value: 0.15, numerator: 15, denominator: 100 })
  })
})

describe('sales_cycle_length', () => {
  // 10 deals won in Q2: 5 with cycles of 10 days and 5 of 30 days: 200 days / 10 = 20.
  const good = times(10, (i) => {
    const created = plusDays('2026-04-01', i)
    return {
      id: pad('w', i),
      status: 'won',
      amount: 100,
      created_on: created,
      closed_on: plusDays(created, i < 5 ? 10 : 30),
    }
  })

  it('10 deals, 200 days → 20 (design §4)', async () => {
    const store = await storeWith(writeFixture({ opportunities: good }))
    const r = await one(store, 'sales_cycle_length')
    expect(vnd(r)).toEqual({ value: 20, numerator: 200, denominator: 10 })
    expect(r).toMatchObject({ unit: 'days', excluded: 0 })
  })

  it('a same-day deal is a 0-day cycle and counts; one closed before it was created is excluded', async () => {
    const bad = [
      { id: 'neg', status: 'won', amount: 100, created_on: '2026-05-10', closed_on: '2026-05-01' },
      { id: 'zero', status: 'won', amount: 100, created_on: '2026-05-10', closed_on: '2026-05-10' },
      // A lost deal with a bad cycle is not a won deal: neither in the mean nor excluded.
      {
        id: 'lost',
        status: 'lost',
        amount: 100,
        created_on: '2026-05-10',
        closed_on: '2026-05-01',
      },
    ]
    const store = await storeWith(writeFixture({ opportunities: [...good, ...bad] }))
    const r = await one(store, 'sales_cycle_length')
    // 10 good deals of 20 days and the same-day deal (0 days): 200 / 11; 'neg' is excluded.
    expect(vnd(r)).toEqual({ value: 200 / 11, numerator: 200, denominator: 11 })
    expect(r.excluded).toBe(1)
    expect(r.excluded_reason).toBe('negative_cycle')
    // Bad cycles do not make the deals disappear from revenue: 12 × 100.
    expect((await one(store, 'total_revenue')).value).toBe(1200)
  })

  it('is null (no_won_deals) when nothing was won', async () => {
    const store = await storeWith(writeFixture({ opportunities: good }))
    const r = await one(store, 'sales_cycle_length', { from: '2026-01-01', to: '2026-03-31' })
    expect(r).toMatchObject({ value: null, reason: 'no_won_deals' })
  })
})

describe('pipeline_velocity', () => {
  // 200 opportunities created in Q2. Of them 40 closed in Q2: 10 won at 10,000 (cycles 5 × 20 and
  // 5 × 30 days: mean 25) and 30 lost; 160 still open. Win rate 10/40 = 25%, deal size 10,000,
  // cycle 25 days: 200 × 0.25 × 10,000 / 25 = 20,000 per day (the source text's "200" is wrong).
  const opportunities = times(200, (i) => {
    const created = plusDays('2026-04-01', i % 50)
    const won = i < 10
    const lost = i >= 10 && i < 40
    return {
      id: pad('o', i),
      status: won ? 'won' : lost ? 'lost' : 'open',
      amount: won ? 10000 : 55555,
      created_on: created,
      closed_on: won ? plusDays(created, i < 5 ? 20 : 30) : lost ? plusDays(created, 3) : null,
    }
  })

  it('200 × 25% × 10,000 / 25 days → 20,000 per day (design §4)', async () => {
    const store = await storeWith(writeFixture({ opportunities }))
    const r = await one(store, 'pipeline_velocity')
    expect(vnd(r)).toEqual({ value: 20_000, numerator: 500_000, denominator: 25 })
    expect(r.unit).toBe('currency_per_day')
    // The ingredients agree with their own metrics.
    const parts = await run(store, [
      'opportunity_conversion_rate',
      'win_rate',
      'average_deal_size',
      'sales_cycle_length',
    ])
    expect(parts.map((p) => p.value)).toEqual([10 / 200, 0.25, 10_000, 25])
  })

  it('is null (no_won_deals) without won deals, never NaN', async () => {
    const store = await storeWith(writeFixture({ opportunities }))
    const r = await one(store, 'pipeline_velocity', {
      from: '2026-10-01',
      to: '2026-12-31',
      asOf: '2026-12-31',
    })
    expect(r).toMatchObject({
      value: null,
      reason: 'no_won_deals',
      numerator: null,
      denominator: null,
    })
  })
})

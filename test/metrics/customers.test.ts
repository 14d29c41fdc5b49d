import { describe, expect, it } from 'vitest'
import { writeSetting } from '../../src/store/settings.js'
import {
  fixture,
  one,
  pad,
  plusDays,
  rowOf,
  run,
  storeWith,
  times,
  vnd,
  writeFixture,
} from '../helpers.js'

/**
 * Churn fixture (subscriptions, monthly 100 = 1,200 a year each), Q2 2026. ended_on is the
 * last day of service; "at the start" is on the eve of the period (Mar 31).
 * - c000..c499: 500 customers since 2025-01-01; c000..c029 (30) end in Q2, on Apr 1 + 3i days,
 *   the last one (c029) on Jun 29, the day before the period's last. c000..c199 are smb, the
 *   rest enterprise.
 * - n00..n19: 20 new customers starting in Q2 (n00..n09 smb, n10..n19 enterprise).
 * - gone: last day Mar 30 (not a customer on the eve); later: starts Jul 1 (not in Q2).
 * - back: last day 2026-03-30, subscribes again May 1: a customer at the end, but neither at
 *   the start nor new, so not "retained".
 * At start 500, lost 30, new 20, at end 500 − 30 + 20 + 1 (back) = 491.
 */
function churnFixture(): string {
  const accounts = [
    ...times(500, (i) => ({
      id: pad('c', i),
      name: `C${i}`,
      segment: i < 200 ? 'smb' : 'enterprise',
    })),
    ...times(20, (i) => ({
      id: pad('n', i, 2),
      name: `N${i}`,
      segment: i < 10 ? 'smb' : 'enterprise',
    })),
  ]
  const sub = (id: string, account: string, started: string, ended: string | null) => ({
    id,
    account_id: account,
    started_on: started,
    ended_on: ended,
    recurring_amount: 100,
  })
  const subscriptions = [
    ...times(500, (i) =>
      sub(
        pad('s', i),
        pad('c', i),
        '2025-01-01',
        i < 30 ? (i === 29 ? '2026-06-29' : plusDays('2026-04-01', 3 * i)) : null,
      ),
    ),
    ...times(20, (i) => sub(pad('sn', i), pad('n', i, 2), plusDays('2026-04-01', 4 * i), null)),
    sub('gone', 'gone', '2025-01-01', '2026-03-30'),
    sub('later', 'later', '2026-07-01', null),
    sub('back-1', 'back', '2025-01-01', '2026-03-30'),
    sub('back-2', 'back', '2026-05-01', null),
  ]
  return writeFixture({ accounts, subscriptions })
}

describe('churn_rate, net_customer_churn, customer_retention_rate', () => {
  it('500 at start, 30 lost, 20 new → churn 0.06, net 0.02, retention 0.94 (design §4)', async () => {
    const store = await storeWith(churnFixture())
    const rows = await run(store, ['churn_rate', 'net_customer_churn', 'customer_retention_rate'])
    const [churn, net, retention] = rows.map(vnd)
    // The source text prints 2% for churn: that is net churn. Gross churn is 30 / 500.
    expect(churn).toEqual({ value: 0.06, numerator: 30, denominator: 500 })
    expect(net).toEqual({ value: 0.02, numerator: 10, denominator: 500 })
    // (491 at end − 20 new − 1 win-back) / 500 = 470 / 500
    expect(retention).toEqual({ value: 0.94, numerator: 470, denominator: 500 })
  })

  it('by segment: smb lost all 30 of its 200; enterprise lost none of its 300', async () => {
    const store = await storeWith(churnFixture())
    const rows = await run(store, ['churn_rate', 'net_customer_churn', 'customer_retention_rate'], {
      by: ['segment'],
    })
    const get = (metric: string, segment: string) =>
      vnd(
        rowOf(
          rows.filter((r) => r.metric === metric),
          { segment },
        ),
      )
    expect(get('churn_rate', 'smb')).toEqual({ value: 0.15, numerator: 30, denominator: 200 })
    expect(get('churn_rate', 'enterprise')).toEqual({ value: 0, numerator: 0, denominator: 300 })
    // smb: (30 − 10 new) / 200; enterprise: (0 − 10) / 300, the base grew.
    expect(get('net_customer_churn', 'smb')).toEqual({
      value: 0.1,
      numerator: 20,
      denominator: 200,
    })
    expect(get('net_customer_churn', 'enterprise').value).toBeCloseTo(-10 / 300, 12)
    expect(get('customer_retention_rate', 'smb')).toEqual({
      value: 0.85,
      numerator: 170,
      denominator: 200,
    })
    expect(get('customer_retention_rate', 'enterprise').value).toBe(1)
  })

  it('without subscriptions churn metrics say so instead of claiming 0%', async () => {
    const store = await storeWith(fixture('win-rate'))
    const rows = await run(store, ['churn_rate', 'net_customer_churn', 'customer_retention_rate'])
    for (const r of rows) expect(r).toMatchObject({ value: null, reason: 'no_subscriptions' })
  })

  it('is null (zero_base) for a period before any customer', async () => {
    const store = await storeWith(churnFixture())
    const r = await one(store, 'churn_rate', { from: '2024-01-01', to: '2024-12-31' })
    expect(r).toMatchObject({ value: null, reason: 'zero_base' })
  })
})

describe('customer_acquisition_cost', () => {
  // No subscriptions: a customer is new in the quarter of its first won deal.
  // 50 accounts (a00..a49) whose first won deal closes in Q2 (a00..a29 from ads, a30..a49 from
  // events); 10 accounts (old0..old9) first won in Q1 and again in Q2: not new.
  // Spend Q2: marketing/ads 75,000 + sales/events 25,000 = 100,000.
  const opportunities = [
    ...times(50, (i) => ({
      id: pad('o', i),
      account_id: pad('a', i, 2),
      source: i < 30 ? 'ads' : 'events',
      status: 'won',
      amount: 1000,
      created_on: '2026-03-01',
      closed_on: plusDays('2026-04-01', i),
    })),
    ...times(20, (i) => ({
      id: pad('old-o', i),
      account_id: `old${i % 10}`,
      source: 'ads',
      status: 'won',
      amount: 1000,
      created_on: '2026-01-01',
      closed_on: i < 10 ? '2026-02-01' : '2026-05-01',
    })),
  ]
  const spend = [
    {
      period_start: '2026-04-01',
      period_end: '2026-06-30',
      category: 'marketing',
      channel: 'ads',
      amount: 75000,
    },
    {
      period_start: '2026-04-01',
      period_end: '2026-06-30',
      category: 'sales',
      channel: 'events',
      amount: 25000,
    },
  ]

  it('100,000 spend / 50 new customers → 2,000 (design §4)', async () => {
    const store = await storeWith(writeFixture({ opportunities, spend }))
    expect(vnd(await one(store, 'customer_acquisition_cost'))).toEqual({
      value: 2000,
      numerator: 100_000,
      denominator: 50,
    })
  })

  it('by source (channel): ads 75,000 / 30, events 25,000 / 20', async () => {
    const store = await storeWith(writeFixture({ opportunities, spend }))
    const rows = await run(store, 'customer_acquisition_cost', { by: ['source'] })
    expect(vnd(rowOf(rows, { source: 'ads' }))).toEqual({
      value: 2500,
      numerator: 75_000,
      denominator: 30,
    })
    expect(vnd(rowOf(rows, { source: 'events' }))).toEqual({
      value: 1250,
      numerator: 25_000,
      denominator: 20,
    })
  })

  it('spend spanning two periods is prorated by days', async () => {
    // Jun 1..Jul 31 = 61 days, 6,100: 30 days (3,000) fall in Q2. (100,000 + 3,000) / 50.
    const extra = {
      period_start: '2026-06-01',
      period_end: '2026-07-31',
      category: 'marketing',
      channel: 'web',
      amount: 6100,
    }
    const store = await storeWith(writeFixture({ opportunities, spend: [...spend, extra] }))
    expect(vnd(await one(store, 'customer_acquisition_cost'))).toEqual({
      value: 2060,
      numerator: 103_000,
      denominator: 50,
    })
  })

  it('by rep is not supported: value null, reason unsupported_grouping', async () => {
    const store = await storeWith(writeFixture({ opportunities, spend }))
    const rows = await run(store, 'customer_acquisition_cost', { by: ['rep'] })
    expect(rows).toEqual([
      expect.objectContaining({
        value: null,
        group: { rep: null },
        reason: 'unsupported_grouping',
      }),
    ])
  })

  it('is null (no_new_customers) with spend but no new customer', async () => {
    const store = await storeWith(writeFixture({ opportunities, spend }))
    const r = await one(store, 'customer_acquisition_cost', {
      from: '2026-07-01',
      to: '2026-09-30',
    })
    expect(r).toMatchObject({
      value: null,
      numerator: 0,
      denominator: 0,
      reason: 'no_new_customers',
    })
  })
})

describe('subscription boundaries (ended_on is the last day of service)', () => {
  const sub = (id: string, account: string, started: string, ended: string | null) => ({
    id,
    account_id: account,
    started_on: started,
    ended_on: ended,
    recurring_amount: 100,
  })
  // Q2 2026. renew: old contract's last day Mar 31, new one from Apr 1 → no churn, not new.
  // edge: last day Jun 30 (the period's last) → still a customer at the end, so not lost in Q2.
  // eve: last day Mar 31 with no renewal → a customer at the start, lost in Q2.
  const dir = () =>
    writeFixture({
      subscriptions: [
        sub('renew-1', 'renew', '2025-01-01', '2026-03-31'),
        sub('renew-2', 'renew', '2026-04-01', null),
        sub('edge', 'edge', '2025-01-01', '2026-06-30'),
        sub('eve', 'eve', '2025-01-01', '2026-03-31'),
      ],
    })

  it('a renewal the day after the old contract ends is neither churn nor a new customer', async () => {
    const store = await storeWith(dir())
    const rows = await run(store, ['churn_rate', 'net_customer_churn', 'customer_retention_rate'])
    // At the start: renew, edge, eve (3). Lost: eve. New: none. Retained: renew, edge.
    expect(rows.map(vnd)).toEqual([
      { value: 1 / 3, numerator: 1, denominator: 3 },
      { value: 1 / 3, numerator: 1, denominator: 3 },
      { value: 2 / 3, numerator: 2, denominator: 3 },
    ])
  })
})

describe('customer_lifetime_value', () => {
  // cltv fixture, year 2025. Customers at the start: A 5,000/yr, B 400/month = 4,800/yr,
  // C 5,200/yr (last day Jun 29 2025): mean 15,000 / 3 = 5,000 a year. D starts in 2025 (new, not
  // in the mean). Churn 1 of 3 over the year → lifetime 3 years → 15,000 (design §4).
  const year2025 = { from: '2025-01-01', to: '2025-12-31', asOf: '2026-01-15' }

  it('5,000 a year × 3 years → 15,000, lifetime from churn', async () => {
    const store = await storeWith(fixture('cltv'))
    const r = await one(store, 'customer_lifetime_value', year2025)
    expect(r.value).toBeCloseTo(15_000, 6)
    expect(r.numerator).toBe(5000)
    expect(r.denominator).toBeCloseTo(3, 12)
  })

  it('a quarter annualises its churn: 1,200/yr ÷ (0.06 × 4) → 5,000', async () => {
    const store = await storeWith(churnFixture())
    const r = await one(store, 'customer_lifetime_value')
    expect(r.numerator).toBe(1200)
    expect(r.value).toBeCloseTo(5000, 6)
  })

  it('the customer_lifetime_years setting replaces the churn-based lifetime', async () => {
    // Same year, lifetime set to 2 years (churn alone would give 3): 5,000 × 2.
    const store = await storeWith(fixture('cltv'), { settings: { customer_lifetime_years: '2' } })
    expect(vnd(await one(store, 'customer_lifetime_value', year2025))).toEqual({
      value: 10_000,
      numerator: 5000,
      denominator: 2,
    })
    // From Jul 1 2025 the customers at the start (on the eve, Jun 30) are A, B and D:
    // (5,000 + 4,800 + 9,999) / 3 = 6,599.67 a year × 2.
    const h2 = await one(store, 'customer_lifetime_value', { ...year2025, from: '2025-07-01' })
    expect(h2.value).toBeCloseTo(13_199.333333, 5)
  })

  it('without subscriptions: won revenue per customer over the trailing year × the setting', async () => {
    // Won in 2025: x 5,000; y 2,000 + 3,000; z 5,000 → 15,000 / 3 accounts = 5,000 × 3 = 15,000.
    // x's deal of 2024-12-31 is outside the trailing year (Jan 1..Dec 31 2025).
    const won = (id: string, account: string, amount: number, closed: string) => ({
      id,
      account_id: account,
      status: 'won',
      amount,
      created_on: '2024-06-01',
      closed_on: closed,
    })
    const dir = writeFixture({
      opportunities: [
        won('x1', 'x', 5000, '2025-03-01'),
        won('x0', 'x', 99999, '2024-12-31'),
        won('y1', 'y', 2000, '2025-01-01'),
        won('y2', 'y', 3000, '2025-12-31'),
        won('z1', 'z', 5000, '2025-08-01'),
      ],
    })
    const store = await storeWith(dir)
    // No churn without subscriptions: undefined unless a lifetime is configured.
    expect(await one(store, 'customer_lifetime_value', year2025)).toMatchObject({
      value: null,
      numerator: 5000,
      reason: 'no_churn_data',
    })
    await writeSetting(store, 'customer_lifetime_years', '3')
    expect(vnd(await one(store, 'customer_lifetime_value', year2025))).toEqual({
      value: 15_000,
      numerator: 5000,
      denominator: 3,
    })
  })

  it('is null (zero_churn) when nobody churned and no lifetime is configured', async () => {
    const store = await storeWith(fixture('cltv'))
    const r = await one(store, 'customer_lifetime_value', {
      from: '2026-01-01',
      to: '2026-12-31',
      asOf: '2027-01-10',
    })
    // At the start of 2026: A, B, D; nobody leaves.
    expect(r).toMatchObject({ value: null, reason: 'zero_churn' })
  })
})

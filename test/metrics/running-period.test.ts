import { describe, expect, it } from 'vitest'
import { catalog } from '../../src/metrics/catalog.js'
import { fixture, one, run, storeWith, vnd, writeFixture } from '../helpers.js'

// Q2 2026 read as of May 15: the quarter is running.
const running = { from: '2026-04-01', to: '2026-06-30', asOf: '2026-05-15' }

describe('a running period counts spend and hours up to the as-of date only', () => {
  it('CAC: April 30,000 + 15/31 of May 31,000 = 45,000 over 2 new customers → 22,500', async () => {
    const month = (start: string, end: string, amount: number) => ({
      period_start: start,
      period_end: end,
      category: 'marketing',
      channel: 'ads',
      amount,
    })
    const sub = (id: string, started: string) => ({
      id,
      account_id: id,
      started_on: started,
      recurring_amount: 100,
    })
    const dir = writeFixture({
      spend: [
        month('2026-04-01', '2026-04-30', 30000),
        month('2026-05-01', '2026-05-31', 31000),
        month('2026-06-01', '2026-06-30', 30000),
      ],
      // The third customer starts after the as-of date: not there yet.
      subscriptions: [sub('a', '2026-04-10'), sub('b', '2026-05-01'), sub('c', '2026-05-20')],
    })
    const store = await storeWith(dir)
    expect(vnd(await one(store, 'customer_acquisition_cost', running))).toEqual({
      value: 22500,
      numerator: 45000,
      denominator: 2,
    })
    // Once the quarter is over, all of it counts: 91,000 / 3.
    const over = await one(store, 'customer_acquisition_cost', { ...running, asOf: '2026-07-31' })
    expect(over.numerator).toBe(91000)
    expect(over.denominator).toBe(3)
  })

  it('time spent selling: a month of work time counts 15 of its 31 days by May 15', async () => {
    const dir = writeFixture({
      // 155 h in May: 5 h a day; by May 15, 75 h. 30 selling hours logged so far.
      work_time: [
        { rep_id: 'r1', period_start: '2026-05-01', period_end: '2026-05-31', hours: 155 },
      ],
      activities: Array.from({ length: 30 }, (_, i) => ({
        rep_id: 'r1',
        type: 'call',
        started_at: `2026-05-${String(1 + (i % 14)).padStart(2, '0')}T${String(8 + Math.floor(i / 14)).padStart(2, '0')}:00:00`,
        duration_minutes: 60,
      })),
    })
    const store = await storeWith(dir)
    const r = await one(store, 'time_spent_selling', {
      from: '2026-05-01',
      to: '2026-05-31',
      asOf: '2026-05-15',
    })
    expect(vnd(r)).toEqual({ value: 0.4, numerator: 30, denominator: 75 })
  })
})

/**
 * revenue-growth fixture read as of May 15, 2026: Q2 has run 45 days (Apr 1 – May 15).
 * Won in them: Apr 11, 14, 17, 20 and May 12, 15 → 6 × 100,000 = 600,000. The first 45
 * days of Q1 are Jan 1 – Feb 14: Jan 11, 14, 17 and Feb 12 → 400,000 (Feb 15 is day 46).
 * Like for like, growth is (600,000 − 400,000) / 400,000 = +50%; against the whole of Q1
 * (800,000) it would read −25%.
 */
describe('a running quarter compared like for like', () => {
  const q2 = { from: '2026-04-01', to: '2026-06-30', asOf: '2026-05-15' }

  it('revenue so far against the first 45 days of the quarter before: +50%, not −25%', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const rows = await run(store, ['total_revenue', 'revenue_growth'], {
      ...q2,
      compare: 'previous',
    })
    expect(rows[0]).toMatchObject({
      metric: 'total_revenue',
      value: 600_000,
      running: true,
      through: '2026-05-15',
      pace: 45 / 91,
      previous: 400_000,
      change: 200_000,
      previous_through: '2026-02-14',
    })
    expect(rows[1]).toMatchObject({
      metric: 'revenue_growth',
      value: 0.5,
      numerator: 200_000,
      denominator: 400_000,
      running: true,
    })
  })

  it('a year ago: the first 45 days of Q2 2025, which had no revenue', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const r = await one(store, 'total_revenue', { ...q2, compare: 'year_ago' })
    expect(r).toMatchObject({ previous: 0, change: 600_000, previous_through: '2025-05-15' })
  })

  it('by month as of May 15: April is over, May runs, June has not started', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const rows = await run(store, 'total_revenue', { ...q2, grain: 'month' })
    expect(
      rows.map((r) => [r.period_start, r.value, r.running ?? false, r.reason ?? null]),
    ).toEqual([
      ['2026-04-01', 400_000, false, null],
      ['2026-05-01', 200_000, true, null],
      ['2026-06-01', null, false, 'not_started'],
    ])
  })

  it('a period ending on the as-of date is over', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const r = await one(store, 'total_revenue', { ...q2, asOf: '2026-06-30' })
    expect(r.running).toBeUndefined()
    expect(r.value).toBe(1_000_000)
  })
})

describe('a period wholly after the as-of date', () => {
  it('is null (not_started) for every metric, never 0 or −100%', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const rows = await run(
      store,
      catalog.map((m) => m.id),
      {
        from: '2026-07-01',
        to: '2026-09-30',
        asOf: '2026-05-15',
        compare: 'previous',
      },
    )
    expect(rows).toHaveLength(catalog.length)
    for (const r of rows) {
      expect(r, r.metric).toMatchObject({ value: null, reason: 'not_started', previous: null })
      expect(r.running).toBeUndefined()
    }
  })
})

describe('annualised figures of a running period use the days it has run', () => {
  it('lifetime value of Q2 as of May 15 equals that of Apr 1 – May 15 asked as a range', async () => {
    // 10 customers paying 100 a month since 2025; one stops on Apr 30. As of May 15: churn
    // 1 / 10 over 45 days → annual churn 0.1 × 12 / (45 / 30.4375) → lifetime 1.232 years ×
    // 1,200 a year = 1,478.44. (Annualised over the whole quarter it would read 3,000.)
    const subscriptions = Array.from({ length: 10 }, (_, i) => ({
      id: `s${i}`,
      account_id: `a${i}`,
      started_on: '2025-01-01',
      ended_on: i === 0 ? '2026-04-30' : '',
      recurring_amount: 100,
    }))
    const store = await storeWith(writeFixture({ subscriptions }))
    const quarter = await one(store, 'customer_lifetime_value', {
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: '2026-05-15',
    })
    const range = await one(store, 'customer_lifetime_value', {
      from: '2026-04-01',
      to: '2026-05-15',
      asOf: '2026-05-15',
    })
    expect(quarter.value).toBeCloseTo((1200 * (45 / 30.4375)) / 1.2, 6)
    expect(quarter.value).toBeCloseTo(range.value as number, 9)
  })
})

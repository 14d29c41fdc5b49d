import { describe, expect, it } from 'vitest'
import { one, storeWith, vnd, writeFixture } from '../helpers.js'

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

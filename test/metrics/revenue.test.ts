import { describe, expect, it } from 'vitest'
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

describe('total_revenue', () => {
  it('100 deals × 10,000 won in Q2 → 1,000,000 (design §4)', async () => {
    // 100 won deals of 10,000 closed across Q2 (day 0..90 after Apr 1), plus noise that must
    // not count: 5 lost and 3 open deals in Q2, and won deals closed on Mar 31 and Jul 1.
    const won = times(100, (i) => ({
      id: pad('w', i),
      status: 'won',
      amount: 10000,
      created_on: '2026-01-15',
      closed_on: plusDays('2026-04-01', i % 91),
    }))
    const noise = [
      ...times(5, (i) => ({
        id: pad('l', i),
        status: 'lost',
        amount: 99999,
        created_on: '2026-01-15',
        closed_on: '2026-05-01',
      })),
      ...times(3, (i) => ({
        id: pad('o', i),
        status: 'open',
        amount: 99999,
        created_on: '2026-01-15',
        closed_on: null,
      })),
      {
        id: 'before',
        status: 'won',
        amount: 5555,
        created_on: '2026-01-15',
        closed_on: '2026-03-31',
      },
      {
        id: 'after',
        status: 'won',
        amount: 7777,
        created_on: '2026-01-15',
        closed_on: '2026-07-01',
      },
    ]
    const store = await storeWith(writeFixture({ opportunities: [...won, ...noise] }))
    const r = await one(store, 'total_revenue')
    expect(r).toMatchObject({
      period_start: '2026-04-01',
      period_end: '2026-06-30',
      unit: 'currency',
    })
    expect(vnd(r)).toEqual({ value: 1_000_000, numerator: 1_000_000, denominator: null })
  })

  it('an empty period is 0, not null', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const r = await one(store, 'total_revenue', {
      from: '2027-01-01',
      to: '2027-03-31',
      asOf: '2027-06-30',
    })
    expect(r.value).toBe(0)
    expect(r.reason).toBeUndefined()
  })

  it('a deal closing on the last day of a period counts in it, not in the next; same for the first day', async () => {
    // boundaries: Mar 31 → 1, Apr 1 → 10, Jun 30 → 100, Jun 30 23:59:59 → 10,000, Jul 1 → 1,000,
    // Jul 1 00:30 at +02:00 → 2,000: a date column keeps the date as written (not shifted to UTC's Jun 30).
    const store = await storeWith(fixture('boundaries'))
    const rows = await run(store, 'total_revenue', {
      from: '2026-01-01',
      to: '2026-09-30',
      grain: 'quarter',
    })
    expect(rows.map((r) => [r.period_start, r.value])).toEqual([
      ['2026-01-01', 1],
      ['2026-04-01', 10_110],
      ['2026-07-01', 3000],
    ])
  })
})

describe('revenue_growth', () => {
  // revenue-growth fixture: Q1 2026 = 8 × 100,000 = 800,000; Q2 2026 = 10 × 100,000 = 1,000,000.
  it('800k in Q1 → 1M in Q2 = 0.25 (design §4)', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const r = await one(store, 'revenue_growth')
    // (1,000,000 − 800,000) / 800,000
    expect(vnd(r)).toEqual({ value: 0.25, numerator: 200_000, denominator: 800_000 })
  })

  it('is null with zero_base when the previous period had no revenue', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    // Q1 2026 against Q4 2025, which has no won deals.
    const r = await one(store, 'revenue_growth', { from: '2026-01-01', to: '2026-03-31' })
    expect(vnd(r)).toEqual({ value: null, numerator: 800_000, denominator: 0, reason: 'zero_base' })
  })

  it('per month: each month against the one before', async () => {
    // Months: Mar 200k (q1-3, q1-6); Apr 400k (q2-1,4,7,10); May 300k; Jun 300k.
    const store = await storeWith(fixture('revenue-growth'))
    const rows = await run(store, 'revenue_growth', { grain: 'month' })
    expect(rows.map((r) => [r.period_start, r.value, r.numerator, r.denominator])).toEqual([
      ['2026-04-01', 1, 200_000, 200_000],
      ['2026-05-01', -0.25, -100_000, 400_000],
      ['2026-06-01', 0, 0, 300_000],
    ])
  })

  it('per rep: r1 fell 800k → 500k, r2 had nothing before', async () => {
    // Q1: all 8 deals are r1's. Q2: r1 has q2-2,4,6,8,10 = 500k; r2 has q2-1,3,5,7,9 = 500k.
    const store = await storeWith(fixture('revenue-growth'))
    const rows = await run(store, 'revenue_growth', { by: ['rep'] })
    expect(vnd(rowOf(rows, { rep: 'r1' }))).toEqual({
      value: -0.375,
      numerator: -300_000,
      denominator: 800_000,
    })
    expect(rowOf(rows, { rep: 'r2' })).toMatchObject({ value: null, reason: 'zero_base' })
  })
})

describe('average_deal_size', () => {
  it('50 deals, 500,000 → 10,000 (design §4)', async () => {
    // 25 deals of 6,000 and 25 of 14,000: 150,000 + 350,000 = 500,000 over 50 deals.
    const won = times(50, (i) => ({
      id: pad('w', i),
      status: 'won',
      amount: i < 25 ? 6000 : 14000,
      created_on: '2026-02-01',
      closed_on: plusDays('2026-04-01', i),
    }))
    const lost = {
      id: 'l',
      status: 'lost',
      amount: 1e6,
      created_on: '2026-02-01',
      closed_on: '2026-04-02',
    }
    const store = await storeWith(writeFixture({ opportunities: [...won, lost] }))
    expect(vnd(await one(store, 'average_deal_size'))).toEqual({
      value: 10_000,
      numerator: 500_000,
      denominator: 50,
    })
  })

  it('is null (no_won_deals) in a period without won deals', async () => {
    const store = await storeWith(fixture('revenue-growth'))
    const r = await one(store, 'average_deal_size', { from: '2026-07-01', to: '2026-09-30' })
    expect(vnd(r)).toEqual({ value: null, numerator: 0, denominator: 0, reason: 'no_won_deals' })
  })
})

describe('win_rate', () => {
  // win-rate fixture, Q2: won w1 (a1), w2 (a1), w3 (a2, Jun 30); lost l1, l2 (a1), l3..l9 (a2).
  // Open o1, o2 do not count; w0 closed Mar 31 and l0 closed Jul 1 are outside Q2.
  it('3 won / 12 closed = 0.25', async () => {
    const store = await storeWith(fixture('win-rate'))
    expect(vnd(await one(store, 'win_rate'))).toEqual({
      value: 0.25,
      numerator: 3,
      denominator: 12,
    })
  })

  it('by segment: enterprise 2/4, smb 1/8', async () => {
    const store = await storeWith(fixture('win-rate'))
    const rows = await run(store, 'win_rate', { by: ['segment'] })
    expect(rows.map((r) => [r.group.segment, r.value, r.numerator, r.denominator])).toEqual([
      ['enterprise', 0.5, 2, 4],
      ['smb', 0.125, 1, 8],
    ])
  })

  it('by rep: r1 1/3, r2 2/9; by source: inbound 2/4, outbound 1/8', async () => {
    const store = await storeWith(fixture('win-rate'))
    const byRep = await run(store, 'win_rate', { by: ['rep'] })
    expect(byRep.map((r) => [r.group.rep, r.numerator, r.denominator])).toEqual([
      ['r1', 1, 3],
      ['r2', 2, 9],
    ])
    const bySource = await run(store, 'win_rate', { by: ['source'] })
    expect(bySource.map((r) => [r.group.source, r.value])).toEqual([
      ['inbound', 0.5],
      ['outbound', 0.125],
    ])
  })

  it('filters: segment smb only → 1/8', async () => {
    const store = await storeWith(fixture('win-rate'))
    const r = await one(store, 'win_rate', { filters: { segment: ['smb'] } })
    expect(vnd(r)).toEqual({ value: 0.125, numerator: 1, denominator: 8 })
  })

  it('is null (no_closed_deals) when nothing closed', async () => {
    const store = await storeWith(fixture('win-rate'))
    const r = await one(store, 'win_rate', { from: '2025-01-01', to: '2025-12-31' })
    expect(vnd(r)).toEqual({ value: null, numerator: 0, denominator: 0, reason: 'no_closed_deals' })
  })
})

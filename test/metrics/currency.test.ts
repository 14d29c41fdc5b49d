import { describe, expect, it } from 'vitest'
import { MiernikError } from '../../src/errors.js'
import { fixture, one, rowOf, run, storeWith, writeFixture } from '../helpers.js'

// fx-eur-base fixture, base currency EUR (set before the import: an empty currency cell takes
// the base currency of that moment). USD rates: 0.9 from Jan 1, 0.8 from May 1; GBP 1.2.
//   u1 r1 won 1000 USD on Apr 30 → 0.9 → 900      u2 r1 won 1000 'usd' on May 1 → 0.8 → 800
//   u3 r2 won 1000 USD on Jun 30 → 800            e1 r2 won 500, currency empty → EUR 500
//   e2 r2 won 250 EUR                              Q2 total 3,250 (r1 1,700; r2 1,550)
//   p1 r1 open 2000 USD created Mar 1, expected Jul 15 → open pipeline is valued at the as-of
//      date's rate: 0.8 on Oct 15 → 1,600 (0.9 at its creation would give 1,800)
//   p2 r1 open 1000 GBP created Jun 15, expected Aug 1 → 1,200
//   quota r1 Q3 4000 USD → rate of Jul 1 (0.8) → 3,200
const eur = { settings: { base_currency: 'EUR' } }

describe('multi-currency', () => {
  it('base EUR with USD deals: each at the latest rate on or before its close date', async () => {
    const store = await storeWith(fixture('fx-eur-base'), eur)
    expect((await one(store, 'total_revenue')).value).toBe(3250)
    const byRep = await run(store, 'total_revenue', { by: ['rep'] })
    expect(rowOf(byRep, { rep: 'r1' }).value).toBe(1700)
    expect(rowOf(byRep, { rep: 'r2' }).value).toBe(1550)
    expect((await one(store, 'average_deal_size')).value).toBe(650)
  })

  it('a rate takes effect on its own date: Apr → 900, May → 800 + 500, Jun → 800 + 250', async () => {
    const store = await storeWith(fixture('fx-eur-base'), eur)
    const rows = await run(store, 'total_revenue', { grain: 'month' })
    expect(rows.map((r) => r.value)).toEqual([900, 1300, 1050])
  })

  it('pipeline and quota in other currencies: 2,800 / 3,200', async () => {
    const store = await storeWith(fixture('fx-eur-base'), eur)
    const r = await one(store, 'pipeline_coverage', {
      from: '2026-07-01',
      to: '2026-09-30',
      asOf: '2026-10-15',
    })
    expect(r).toMatchObject({ numerator: 2800, denominator: 3200, value: 0.875 })
  })

  it('base USD with EUR deals', async () => {
    const dir = writeFixture({
      fx_rates: [{ currency: 'EUR', on: '2026-02-01', rate: 1.1 }],
      opportunities: [
        {
          id: 'a',
          status: 'won',
          amount: 1000,
          currency: 'EUR',
          created_on: '2026-03-01',
          closed_on: '2026-04-15',
        },
        {
          id: 'b',
          status: 'won',
          amount: 1000,
          currency: 'USD',
          created_on: '2026-03-01',
          closed_on: '2026-04-15',
        },
      ],
    })
    const store = await storeWith(dir)
    expect((await one(store, 'total_revenue')).value).toBeCloseTo(2100, 9)
  })

  it('a missing rate throws FX_RATE_MISSING naming the currency and the date', async () => {
    const dir = writeFixture({
      fx_rates: [{ currency: 'EUR', on: '2026-01-01', rate: 1.1 }],
      opportunities: [
        {
          id: 'a',
          status: 'won',
          amount: 1000,
          currency: 'EUR',
          created_on: '2026-03-01',
          closed_on: '2026-04-15',
        },
        {
          id: 'y',
          status: 'won',
          amount: 90000,
          currency: 'JPY',
          created_on: '2026-03-01',
          closed_on: '2026-05-10',
        },
      ],
    })
    const store = await storeWith(dir)
    const error = await run(store, 'total_revenue').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MiernikError)
    expect(error).toMatchObject({ code: 'FX_RATE_MISSING' })
    expect((error as Error).message).toMatch(/JPY/)
    expect((error as Error).message).toMatch(/2026-05-10/)
    // A query that ends before that deal needs no JPY rate.
    expect(
      (await one(store, 'total_revenue', { from: '2026-04-01', to: '2026-04-30' })).value,
    ).toBeCloseTo(1100, 9)
  })

  it('checks only the records a query reads: an old deal without a rate does not block a later period', async () => {
    const dir = writeFixture({
      fx_rates: [{ currency: 'EUR', on: '2026-01-01', rate: 1.1 }],
      opportunities: [
        // Closed in 2023, long before the first EUR rate, and more than a year before Q2 2026.
        {
          id: 'old',
          status: 'won',
          amount: 50,
          currency: 'EUR',
          created_on: '2023-01-01',
          closed_on: '2023-02-01',
        },
        {
          id: 'a',
          status: 'won',
          amount: 1000,
          currency: 'EUR',
          created_on: '2026-03-01',
          closed_on: '2026-04-15',
        },
      ],
    })
    const store = await storeWith(dir)
    expect((await one(store, 'total_revenue')).value).toBeCloseTo(1100, 9)
    // A query over 2023 reads it, and says what is missing.
    await expect(
      one(store, 'total_revenue', { from: '2023-01-01', to: '2023-03-31' }),
    ).rejects.toThrow(/no fx rate for EUR on or before 2023-02-01 \(opportunities id old\)/)
  })

  it('an open deal needs a rate on or before the as-of date', async () => {
    const dir = writeFixture({
      fx_rates: [{ currency: 'EUR', on: '2026-12-01', rate: 1.1 }],
      opportunities: [
        {
          id: 'p',
          status: 'open',
          amount: 100,
          currency: 'EUR',
          created_on: '2026-03-01',
          expected_close_on: '2026-05-01',
        },
      ],
      quotas: [
        { rep_id: 'r1', period_start: '2026-04-01', period_end: '2026-06-30', amount: 1000 },
      ],
    })
    const store = await storeWith(dir)
    await expect(one(store, 'pipeline_coverage')).rejects.toThrow(
      /no fx rate for EUR on or before 2026-09-30/,
    )
  })

  it('keeps small rates exact: 1,000,000 JPY at 0.006712 → 6,712; 10,000,000 VND at 0.0000393 → 393', async () => {
    const dir = writeFixture({
      fx_rates: [
        { currency: 'JPY', on: '2026-01-01', rate: '0.006712' },
        { currency: 'VND', on: '2026-01-01', rate: '0.0000393' },
      ],
      opportunities: [
        {
          id: 'j',
          status: 'won',
          amount: 1000000,
          currency: 'JPY',
          created_on: '2026-04-01',
          closed_on: '2026-04-15',
        },
        {
          id: 'v',
          status: 'won',
          amount: 10000000,
          currency: 'VND',
          created_on: '2026-04-01',
          closed_on: '2026-04-15',
        },
      ],
    })
    const store = await storeWith(dir)
    expect((await one(store, 'total_revenue')).value).toBe(6712 + 393)
  })

  it('converts large amounts without overflow: 128,000,000 EUR at 1.1359 → 145,395,200', async () => {
    const dir = writeFixture({
      fx_rates: [{ currency: 'EUR', on: '2026-01-01', rate: '1.1359' }],
      opportunities: [
        {
          id: 'big',
          status: 'won',
          amount: 128000000,
          currency: 'EUR',
          created_on: '2026-04-01',
          closed_on: '2026-04-15',
        },
        {
          id: 'open',
          status: 'open',
          amount: 128000000,
          currency: 'EUR',
          created_on: '2026-04-01',
          expected_close_on: '2026-05-01',
        },
      ],
      quotas: [
        { rep_id: 'r1', period_start: '2026-04-01', period_end: '2026-06-30', amount: 500000000 },
      ],
    })
    const store = await storeWith(dir)
    expect((await one(store, 'total_revenue')).value).toBe(145395200)
    expect((await one(store, 'pipeline_coverage', { asOf: '2026-04-20' })).numerator).toBe(
      145395200,
    )
  })
})

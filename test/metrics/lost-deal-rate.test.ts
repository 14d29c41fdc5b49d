import { describe, expect, it } from 'vitest'
import { drilldown } from '../../src/metrics/drilldown.js'
import { readSettings } from '../../src/store/settings.js'
import { fixture, one, Q2, run, storeWith, vnd } from '../helpers.js'

/**
 * The win-rate fixture, Q2 2026: closed in the quarter are w1 w2 w3 (won) and l1..l9 (lost);
 * w0 closed on Mar 31 and l0 on Jul 1 are outside it, o1 o2 are open.
 * Lost deal rate = 9 / 12 = 0.75; r1: l1 l2 of w1 l1 l2 = 2/3; r2: l3..l9 of 9 = 7/9.
 */
describe('lost_deal_rate (a ratio added as one declaration)', () => {
  it('lost / closed in the quarter: 9 / 12', async () => {
    const store = await storeWith(fixture('win-rate'))
    expect(vnd(await one(store, 'lost_deal_rate'))).toEqual({
      value: 0.75,
      numerator: 9,
      denominator: 12,
    })
  })

  it('by rep: 2 of 3 and 7 of 9; with win rate it makes 1', async () => {
    const store = await storeWith(fixture('win-rate'))
    const rows = await run(store, ['lost_deal_rate', 'win_rate'], { by: ['rep'] })
    const of = (metric: string, rep: string) =>
      rows.find((r) => r.metric === metric && r.group.rep === rep)?.value
    expect(of('lost_deal_rate', 'r1')).toBeCloseTo(2 / 3, 12)
    expect(of('lost_deal_rate', 'r2')).toBeCloseTo(7 / 9, 12)
    for (const rep of ['r1', 'r2'])
      expect((of('lost_deal_rate', rep) ?? 0) + (of('win_rate', rep) ?? 0)).toBeCloseTo(1, 12)
  })

  it('null with no_closed_deals in a quarter without closes', async () => {
    const store = await storeWith(fixture('win-rate'))
    const r = await one(store, 'lost_deal_rate', {
      from: '2026-10-01',
      to: '2026-12-31',
      asOf: '2026-12-31',
    })
    expect(r).toMatchObject({
      value: null,
      numerator: 0,
      denominator: 0,
      reason: 'no_closed_deals',
    })
  })

  it('drills into the 9 lost deals and the 12 closed ones, formula from the declaration', async () => {
    const store = await storeWith(fixture('win-rate'))
    const settings = await readSettings(store)
    const base = { metric: 'lost_deal_rate', from: Q2.from, to: Q2.to, asOf: Q2.asOf }
    const lost = await drilldown(store, { ...base, part: 'numerator' }, settings)
    expect(lost.total).toBe(9)
    expect(lost.rows.every((r) => r.status === 'lost')).toBe(true)
    const closed = await drilldown(store, { ...base, part: 'denominator' }, settings)
    expect(closed.total).toBe(12)
    expect(lost.row).toMatchObject({ value: 0.75 })
  })
})

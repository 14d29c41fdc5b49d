import { describe, expect, it } from 'vitest'
import { compute } from '../../src/metrics/compute.js'
import { buildReview, headlineMetrics } from '../../src/review/build-review.js'
import { reviewFigures } from '../../src/review/figures.js'
import { storeWith } from '../helpers.js'
import { reviewAsOf, reviewFixture } from './review-fixture.js'

const cents = (x: number) => Math.round(x * 100)

describe('the review pack', () => {
  it('holds the engine’s own figures for the period and as-of date', async () => {
    const store = await storeWith(reviewFixture())
    const pack = await buildReview(store, { period: '2026-Q2', asOf: reviewAsOf })
    const rows = await compute(store, {
      metrics: [...headlineMetrics],
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: reviewAsOf,
      compare: 'previous',
    })
    for (const k of pack.headline) {
      const row = rows.find((r) => r.metric === k.metric)
      expect(k.value, k.metric).toBe(row?.value)
      expect(k.previous, k.metric).toBe(row?.previous ?? null)
    }
    expect(pack.headline.find((k) => k.metric === 'total_revenue')).toMatchObject({
      value: 60_000,
      previous: 40_000,
      change: 0.5,
      better: true,
    })
  })

  it('splits the revenue change into drivers that add up to it, to the cent', async () => {
    const store = await storeWith(reviewFixture())
    const d = (await buildReview(store, { period: '2026-Q2', asOf: reviewAsOf })).drivers.drivers
    expect(d).toMatchObject({ change: 20_000, volume: 20_000, size: 0, interaction: 0 })
    expect(d?.upstream).toEqual({ created: 13_333.33, winRate: 5_000, both: 1_666.67, rest: 0 })
    const u = d?.upstream as NonNullable<NonNullable<typeof d>['upstream']>
    expect(cents(u.created) + cents(u.winRate) + cents(u.both) + cents(u.rest)).toBe(cents(20_000))
  })

  it('tells the story: revenue and its driver first, the rep under quota named, every figure traceable', async () => {
    const store = await storeWith(reviewFixture())
    const pack = await buildReview(store, { period: '2026-Q2', asOf: reviewAsOf })
    expect(pack.narrative[0]?.en).toBe(
      'Revenue rose 50.0% to $60,000 (+$20,000): more deals won (+2, +$20,000), mostly from more opportunities created (+$13,333).',
    )
    expect(pack.narrative[0]?.pl).toMatch(/^Przychody wzrosły o 50,0\s?% do 60\s000\sUSD/)
    expect(pack.team.top).toEqual(['r1'])
    expect(pack.team.below.map((b) => [b.rep, b.attainment])).toEqual([['r2', 0.2]])
    const team = pack.narrative.find((s) => s.en.includes('under 70.0% of their quota'))
    expect(team?.en).toContain('Rae Two')
    const figures = reviewFigures(pack)
    expect(figures['team.r2.attainment']).toBe(0.2)
    for (const s of pack.narrative)
      for (const key of s.figures) expect(figures, key).toHaveProperty(key)
  })

  it('a rep’s pack is their numbers alone', async () => {
    const store = await storeWith(reviewFixture())
    const pack = await buildReview(store, { period: '2026-Q2', asOf: reviewAsOf, scope: 'rep:r2' })
    expect(pack.headline.find((k) => k.metric === 'total_revenue')?.value).toBe(10_000)
    expect(pack.team.reps.map((r) => r.rep)).toEqual(['r2'])
    expect(pack.filters).toEqual({ rep: ['r2'] })
  })

  it('a quarter not started has no figures, never zeros', async () => {
    const store = await storeWith(reviewFixture())
    const pack = await buildReview(store, { period: '2026-Q4', asOf: reviewAsOf })
    expect(pack.headline.every((k) => k.value === null)).toBe(true)
    expect(pack.headline[0]?.row.reason).toBe('not_started')
    expect(pack.drivers.drivers).toBeNull()
  })

  it('an annual pack adds the year by quarter, each against the same quarter a year before', async () => {
    const store = await storeWith(reviewFixture())
    const pack = await buildReview(store, { period: '2026', asOf: '2027-01-10', byTeam: true })
    expect(pack.kind).toBe('year')
    expect(pack.quarters?.map((q) => q.from)).toEqual([
      '2026-01-01',
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
    ])
    const revenue = pack.quarters?.map(
      (q) => q.rows.find((r) => r.metric === 'total_revenue')?.value,
    )
    expect(revenue).toEqual([40_000, 60_000, 0, 0])
    expect(pack.byTeam?.map((t) => t.team)).toEqual(['East'])
    expect(pack.byTeam?.[0]?.rows.find((r) => r.metric === 'total_revenue')?.value).toBe(100_000)
  })
})

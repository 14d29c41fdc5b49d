import { describe, expect, it } from 'vitest'
import { revenueDrivers, type DriverSide } from '../../src/review/drivers.js'

const cents = (x: number) => Math.round(x * 100)
const side = (
  revenue: number,
  won: number,
  created: number | null = null,
  winRate: number | null = null,
): DriverSide => ({
  revenue,
  won,
  created,
  winRate,
})

describe('revenue drivers', () => {
  it('splits a change into volume, size and both, and volume into created, win rate, both and the rest', () => {
    // 10 deals of 10,000 → 12 deals of 12,500; 100 created at 20% → 120 at 25%.
    const d = revenueDrivers(side(100_000, 10, 100, 0.2), side(150_000, 12, 120, 0.25))
    expect(d).toMatchObject({ change: 50_000, volume: 20_000, size: 25_000, interaction: 5_000 })
    // 20 more created × 20% × 10,000; 100 × 5 pp × 10,000; 20 × 5 pp × 10,000; the rest.
    expect(d.upstream).toEqual({ created: 40_000, winRate: 50_000, both: 10_000, rest: -80_000 })
  })

  it('adds up to the change to the cent, whatever the rounding', () => {
    const d = revenueDrivers(side(100, 3, 7, 1 / 3), side(200.01, 7, 11, 3 / 7))
    expect(cents(d.volume) + cents(d.size) + cents(d.interaction)).toBe(cents(200.01 - 100))
    const u = d.upstream as NonNullable<typeof d.upstream>
    expect(cents(u.created) + cents(u.winRate) + cents(u.both) + cents(u.rest)).toBe(
      cents(d.volume),
    )
    // Every term is a whole number of cents.
    for (const x of [d.volume, d.size, d.interaction, u.created, u.rest])
      expect(Math.abs(x * 100 - cents(x))).toBeLessThan(1e-6)
  })

  it('a side that won nothing: the whole change is volume, at the other side’s deal size', () => {
    expect(revenueDrivers(side(0, 0), side(30_000, 3))).toMatchObject({
      change: 30_000,
      volume: 30_000,
      size: 0,
      interaction: 0,
    })
    expect(revenueDrivers(side(30_000, 3), side(0, 0))).toMatchObject({
      change: -30_000,
      volume: -30_000,
      size: 0,
      interaction: 0,
    })
    expect(revenueDrivers(side(0, 0), side(0, 0))).toMatchObject({
      change: 0,
      volume: 0,
      size: 0,
      interaction: 0,
    })
  })

  it('without the upstream figures (no closed deals) the volume is not split', () => {
    expect(revenueDrivers(side(100, 1, 5, null), side(300, 3, 5, 0.5)).upstream).toBeNull()
  })
})

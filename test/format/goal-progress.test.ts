import { describe, expect, it } from 'vitest'
import { goalProgress } from '../../src/format/goal-progress.js'

const revenue = { accumulates: true, direction: 'higher' as const }
const winRate = { accumulates: false, direction: 'higher' as const }
const cycle = { accumulates: false, direction: 'lower' as const }
const bias = { accumulates: false, direction: 'zero' as const }

describe('goal progress', () => {
  it('what builds up is judged against the pace: 45% of target with 40% gone is on pace', () => {
    const ahead = goalProgress({ value: 45_000, goal: 100_000, pace: 0.4, running: true }, revenue)
    expect(ahead).toEqual({ share: 0.45, expected: 0.4, status: 'on_pace' })
    const behind = goalProgress({ value: 35_000, goal: 100_000, pace: 0.4, running: true }, revenue)
    expect(behind).toEqual({ share: 0.35, expected: 0.4, status: 'behind' })
  })

  it('exactly on pace counts as on pace; the goal reached early is met', () => {
    const on = goalProgress({ value: 40, goal: 100, pace: 0.4, running: true }, revenue)
    expect(on.status).toBe('on_pace')
    const met = goalProgress({ value: 100, goal: 100, pace: 0.4, running: true }, revenue)
    expect(met.status).toBe('met')
  })

  it('a closed period is met or missed, with all of the goal expected', () => {
    expect(goalProgress({ value: 99, goal: 100 }, revenue)).toEqual({
      share: 0.99,
      expected: 1,
      status: 'missed',
    })
    expect(goalProgress({ value: 120, goal: 100 }, revenue)).toEqual({
      share: 1.2,
      expected: 1,
      status: 'met',
    })
  })

  it('a rate does not build up: below its target while running is behind, whatever the pace', () => {
    expect(goalProgress({ value: 0.2, goal: 0.25, pace: 0.1, running: true }, winRate)).toEqual({
      share: 0.8,
      expected: 1,
      status: 'behind',
    })
    expect(goalProgress({ value: 0.3, goal: 0.25, running: true }, winRate).status).toBe('met')
  })

  it('lower is better: a cycle of 40 days against 45 is met, 50 is missed', () => {
    expect(goalProgress({ value: 40, goal: 45 }, cycle).status).toBe('met')
    expect(goalProgress({ value: 50, goal: 45 }, cycle).status).toBe('missed')
  })

  it('closer to zero is better: a bias target is a tolerance either side, with no share', () => {
    expect(goalProgress({ value: -0.04, goal: 0.05 }, bias)).toEqual({
      share: null,
      expected: 1,
      status: 'met',
    })
    expect(goalProgress({ value: 0.05, goal: 0.05 }, bias).status).toBe('met')
    expect(goalProgress({ value: -0.08, goal: 0.05 }, bias).status).toBe('missed')
    // A tolerance given as a negative number means the same band.
    expect(goalProgress({ value: 0.03, goal: -0.05 }, bias).status).toBe('met')
  })

  it('an unknown value has no verdict; a goal of 0 has no share', () => {
    expect(goalProgress({ value: null, goal: 100 }, revenue)).toEqual({
      share: null,
      expected: 1,
      status: null,
    })
    expect(goalProgress({ value: 5, goal: 0 }, revenue)).toEqual({
      share: null,
      expected: 1,
      status: 'met',
    })
  })
})

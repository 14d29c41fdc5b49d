import { describe, expect, it } from 'vitest'
import { bestFirst, compareValues, signIsBetter } from '../../src/format/direction.js'

describe('metric directions', () => {
  it('a change is better, worse or neither by the direction', () => {
    expect(compareValues('higher', 0.2, 0.3)).toBe(1)
    expect(compareValues('lower', 20, 30)).toBe(-1)
    // Closer to zero: from +20% to −10% is better, from −5% to +5% neither.
    expect(compareValues('zero', 0.2, -0.1)).toBe(1)
    expect(compareValues('zero', -0.1, 0.2)).toBe(-1)
    expect(compareValues('zero', -0.05, 0.05)).toBe(0)
  })

  it('sorts best first, values missing last', () => {
    const sorted = (d: Parameters<typeof bestFirst>[0]) =>
      [0.3, null, -0.5, 0.1].sort((a, b) => bestFirst(d, a, b))
    expect(sorted('higher')).toEqual([0.3, 0.1, -0.5, null])
    expect(sorted('lower')).toEqual([-0.5, 0.1, 0.3, null])
    expect(sorted('zero')).toEqual([0.1, 0.3, -0.5, null])
  })

  it('the sign of a value says better only where zero is not the best', () => {
    expect(signIsBetter('higher', 0.1)).toBe(true)
    expect(signIsBetter('lower', 0.1)).toBe(false)
    expect(signIsBetter('zero', 0.1)).toBeNull()
    expect(signIsBetter('higher', 0)).toBeNull()
  })
})

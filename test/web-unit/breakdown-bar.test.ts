import { describe, expect, it } from 'vitest'
import { breakdownBar } from '../../web/src/components/breakdown-bar.js'

describe('breakdown bars', () => {
  it('values of one sign: plain bars against the largest', () => {
    expect(breakdownBar(50, 200, false, 'higher')).toEqual({ style: { width: '25%' } })
  })

  it('growth either side of zero: from the middle, coloured by direction', () => {
    expect(breakdownBar(-0.1, 0.4, true, 'higher')).toEqual({
      className: 'bad',
      style: { width: '12.5%', right: '50%' },
    })
    expect(breakdownBar(0.4, 0.4, true, 'higher')).toEqual({
      className: 'good',
      style: { width: '50%', left: '50%' },
    })
    // Lower is better (a cycle that got shorter): below zero is good.
    expect(breakdownBar(-2, 4, true, 'lower').className).toBe('good')
    expect(breakdownBar(0, 4, true, 'higher')).toEqual({ style: { width: '0%', left: '50%' } })
  })

  it('closer to zero is better (forecast bias): the side says over or under, not better', () => {
    expect(breakdownBar(-0.2, 0.4, true, 'zero')).toEqual({
      style: { width: '25%', right: '50%' },
    })
    expect(breakdownBar(0.4, 0.4, true, 'zero')).toEqual({ style: { width: '50%', left: '50%' } })
  })
})

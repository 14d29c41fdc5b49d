import { describe, expect, it } from 'vitest'
import {
  addMonths,
  defaultPeriod,
  formatPeriodValue,
  parsePeriodValue,
  periodContaining,
  periodOptions,
  shiftPeriodValue,
  trendRange,
} from '../../web/src/period/period.js'

describe('dashboard period picker values', () => {
  it('reads and writes every kind the API accepts', () => {
    for (const v of ['2026-05', '2026-Q2', '2026', 'FY2026-Q1', 'FY2026']) {
      const parsed = parsePeriodValue(v)
      expect(parsed).not.toBeNull()
      expect(formatPeriodValue(parsed!)).toBe(v)
    }
    expect(parsePeriodValue('2026-13')).toBeNull()
    expect(parsePeriodValue('2026-Q5')).toBeNull()
    expect(parsePeriodValue('garbage')).toBeNull()
  })

  it('steps across year ends', () => {
    const step = (v: string, d: number) =>
      formatPeriodValue(shiftPeriodValue(parsePeriodValue(v)!, d))
    expect(step('2026-Q1', -1)).toBe('2025-Q4')
    expect(step('2025-Q4', 1)).toBe('2026-Q1')
    expect(step('2026-01', -1)).toBe('2025-12')
    expect(step('2026-12', 13)).toBe('2028-01')
    expect(step('FY2026', -2)).toBe('FY2024')
  })

  it('defaults to the quarter of the as-of date, fiscal when the year is fiscal', () => {
    expect(defaultPeriod('2026-11-27', 1)).toBe('2026-Q4')
    expect(defaultPeriod('2026-06-30', 1)).toBe('2026-Q2')
    // Fiscal year from April: FY2027 runs April 2026 – March 2027; November is its Q3.
    expect(defaultPeriod('2026-11-27', 4)).toBe('FY2027-Q3')
    expect(formatPeriodValue(periodContaining('fyear', '2026-02-10', 4))).toBe('FY2026')
    expect(formatPeriodValue(periodContaining('fquarter', '2026-04-01', 4))).toBe('FY2027-Q1')
  })

  it('offers the periods up to the as-of date, newest first', () => {
    const options = periodOptions('quarter', '2026-06-30', 1, 3).map(formatPeriodValue)
    expect(options).toEqual(['2026-Q2', '2026-Q1', '2025-Q4'])
  })

  it('a trend is the last 8 periods of the grain; a custom range goes by month', () => {
    expect(addMonths('2026-04-01', -21)).toBe('2024-07-01')
    expect(trendRange({ from: '2026-04-01', to: '2026-06-30', grain: 'quarter' })).toEqual({
      from: '2024-07-01',
      to: '2026-06-30',
      grain: 'quarter',
    })
    expect(trendRange({ from: '2026-05-01', to: '2026-05-31', grain: 'month' }).from).toBe(
      '2025-10-01',
    )
    expect(trendRange({ from: '2026-02-10', to: '2026-05-20', grain: 'all' })).toEqual({
      from: '2026-02-10',
      to: '2026-05-20',
      grain: 'month',
    })
  })
})

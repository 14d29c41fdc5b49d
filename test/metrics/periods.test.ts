import { describe, expect, it } from 'vitest'
import {
  addMonths,
  buckets,
  bucketStart,
  daysInclusive,
  isIsoDate,
  nextQuarter,
  parsePeriod,
  previousPeriod,
  yearAgoPeriod,
} from '../../src/metrics/periods.js'

describe('parsePeriod', () => {
  it.each([
    ['2026', 1, '2026-01-01', '2026-12-31', 'year'],
    ['2026-Q2', 1, '2026-04-01', '2026-06-30', 'quarter'],
    ['2026-q4', 4, '2026-10-01', '2026-12-31', 'quarter'], // calendar quarters ignore the fiscal start
    ['2026-05', 1, '2026-05-01', '2026-05-31', 'month'],
    ['2024-02', 1, '2024-02-01', '2024-02-29', 'month'],
    ['FY2026', 1, '2026-01-01', '2026-12-31', 'year'],
    ['FY2026-Q1', 1, '2026-01-01', '2026-03-31', 'quarter'],
    ['FY2026', 4, '2025-04-01', '2026-03-31', 'year'],
    ['FY2026-Q1', 4, '2025-04-01', '2025-06-30', 'quarter'],
    ['FY2026-Q4', 4, '2026-01-01', '2026-03-31', 'quarter'],
    [' fy2026-q2 ', 10, '2026-01-01', '2026-03-31', 'quarter'], // FY2026 = Oct 2025..Sep 2026
  ] as const)('%s with fiscal start %i → %s..%s', (text, fsm, from, to, grain) => {
    expect(parsePeriod(text, fsm)).toEqual({ from, to, grain })
  })

  it.each(['2026-13', '2026-00', '2026-Q5', 'Q2', 'FY26', '2026-5', 'last month', ''])(
    'rejects %j with INVALID_PERIOD',
    (text) => {
      expect(() => parsePeriod(text, 1)).toThrow(
        expect.objectContaining({ code: 'INVALID_PERIOD' }),
      )
    },
  )
})

describe('dates', () => {
  it('isIsoDate accepts real calendar days only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('2026-4-1')).toBe(false)
    // A month or day out of range is no date (it must not throw).
    expect(isIsoDate('2026-13-01')).toBe(false)
    expect(isIsoDate('2026-00-10')).toBe(false)
  })

  it('daysInclusive counts both ends', () => {
    expect(daysInclusive({ start: '2026-04-01', end: '2026-06-30' })).toBe(91)
    expect(daysInclusive({ start: '2024-02-01', end: '2024-02-29' })).toBe(29)
  })

  it('addMonths clamps to the end of the month', () => {
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28')
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
  })

  it('bucketStart aligns quarters and years to the fiscal start', () => {
    expect(bucketStart('2026-02-15', 'quarter', 4)).toBe('2026-01-01')
    expect(bucketStart('2026-03-31', 'year', 4)).toBe('2025-04-01')
    expect(bucketStart('2026-04-01', 'year', 4)).toBe('2026-04-01')
    expect(bucketStart('2026-02-15', 'quarter', 2)).toBe('2026-02-01')
    expect(bucketStart('2026-01-15', 'quarter', 2)).toBe('2025-11-01')
  })
})

describe('buckets', () => {
  it('cuts a range into calendar months, clipping partial ones', () => {
    expect(buckets('2026-01-15', '2026-03-10', 'month', 1)).toEqual([
      { start: '2026-01-15', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-28', aligned: 'month' },
      { start: '2026-03-01', end: '2026-03-10' },
    ])
  })

  it('fiscal quarters start in April with fiscal_year_start_month 4', () => {
    expect(buckets('2025-04-01', '2026-03-31', 'quarter', 4).map((b) => [b.start, b.end])).toEqual([
      ['2025-04-01', '2025-06-30'],
      ['2025-07-01', '2025-09-30'],
      ['2025-10-01', '2025-12-31'],
      ['2026-01-01', '2026-03-31'],
    ])
  })

  it('fiscal years clip a calendar range', () => {
    expect(buckets('2026-01-01', '2026-12-31', 'year', 4)).toEqual([
      { start: '2026-01-01', end: '2026-03-31' },
      { start: '2026-04-01', end: '2026-12-31' },
    ])
  })

  it("grain 'all' is one bucket, aligned when the range is exactly a month/quarter/year", () => {
    expect(buckets('2026-04-01', '2026-06-30', 'all', 1)).toEqual([
      { start: '2026-04-01', end: '2026-06-30', aligned: 'quarter' },
    ])
    expect(buckets('2025-04-01', '2026-03-31', 'all', 4)).toEqual([
      { start: '2025-04-01', end: '2026-03-31', aligned: 'year' },
    ])
    expect(buckets('2026-04-03', '2026-04-09', 'all', 1)).toEqual([
      { start: '2026-04-03', end: '2026-04-09' },
    ])
  })

  it('a single day is a bucket; a reversed range is an error', () => {
    expect(buckets('2026-06-30', '2026-06-30', 'month', 1)).toEqual([
      { start: '2026-06-30', end: '2026-06-30' },
    ])
    expect(() => buckets('2026-06-30', '2026-06-01', 'month', 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD' }),
    )
  })
})

describe('previous and year-ago periods', () => {
  it('previous of an aligned period is the whole period before', () => {
    expect(previousPeriod({ start: '2024-03-01', end: '2024-03-31', aligned: 'month' })).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
      aligned: 'month',
    })
    expect(
      previousPeriod({ start: '2026-01-01', end: '2026-03-31', aligned: 'quarter' }),
    ).toMatchObject({
      start: '2025-10-01',
      end: '2025-12-31',
    })
    expect(
      previousPeriod({ start: '2025-04-01', end: '2026-03-31', aligned: 'year' }),
    ).toMatchObject({
      start: '2024-04-01',
      end: '2025-03-31',
    })
  })

  it('previous of a plain range is the same number of days just before it', () => {
    // Mar 1..Mar 10 2024 (10 days) → Feb 20..Feb 29 (leap year).
    expect(previousPeriod({ start: '2024-03-01', end: '2024-03-10' })).toEqual({
      start: '2024-02-20',
      end: '2024-02-29',
    })
  })

  it('year ago: aligned periods stay whole; ranges shift by twelve months, clamping Feb 29', () => {
    expect(yearAgoPeriod({ start: '2024-02-01', end: '2024-02-29', aligned: 'month' })).toEqual({
      start: '2023-02-01',
      end: '2023-02-28',
      aligned: 'month',
    })
    expect(
      yearAgoPeriod({ start: '2025-02-01', end: '2025-02-28', aligned: 'month' }),
    ).toMatchObject({
      start: '2024-02-01',
      end: '2024-02-29',
    })
    expect(yearAgoPeriod({ start: '2024-02-29', end: '2024-03-10' })).toEqual({
      start: '2023-02-28',
      end: '2023-03-10',
    })
    expect(
      yearAgoPeriod({ start: '2026-04-01', end: '2026-06-30', aligned: 'quarter' }),
    ).toMatchObject({
      start: '2025-04-01',
      end: '2025-06-30',
    })
  })
})

describe('shifts of whole-month ranges', () => {
  it('year ago keeps a month end a month end, across leap years', () => {
    expect(yearAgoPeriod({ start: '2025-01-01', end: '2025-02-28' })).toEqual({
      start: '2024-01-01',
      end: '2024-02-29',
    })
    expect(yearAgoPeriod({ start: '2024-03-01', end: '2025-02-28' })).toEqual({
      start: '2023-03-01',
      end: '2024-02-29',
    })
    expect(yearAgoPeriod({ start: '2024-01-10', end: '2024-02-29' })).toEqual({
      start: '2023-01-10',
      end: '2023-02-28',
    })
  })

  it('the period before a range of whole months is as many whole months', () => {
    expect(previousPeriod({ start: '2026-01-01', end: '2026-06-30' })).toEqual({
      start: '2025-07-01',
      end: '2025-12-31',
    })
    expect(previousPeriod({ start: '2026-03-01', end: '2026-04-30' })).toEqual({
      start: '2026-01-01',
      end: '2026-02-28',
    })
    // Not whole months: the same number of days before.
    expect(previousPeriod({ start: '2026-01-10', end: '2026-01-19' })).toEqual({
      start: '2025-12-31',
      end: '2026-01-09',
    })
  })
})

describe('nextQuarter (the default period of a forecast snapshot)', () => {
  it.each([
    ['2026-06-15', 1, '2026-07-01', '2026-09-30'],
    ['2026-07-01', 1, '2026-10-01', '2026-12-31'],
    ['2026-12-31', 1, '2027-01-01', '2027-03-31'],
    // Fiscal quarters: a year from February runs May–Jul, then Aug–Oct.
    ['2026-06-15', 2, '2026-08-01', '2026-10-31'],
    ['2026-03-31', 4, '2026-04-01', '2026-06-30'],
  ])('after %s (fiscal start %i): %s – %s', (day, fiscal, start, end) => {
    expect(nextQuarter(day, fiscal)).toMatchObject({ start, end })
  })
})

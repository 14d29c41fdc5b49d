/** Relative periods and due times: pure, at month, quarter and year boundaries. */
import { describe, expect, it } from 'vitest'
import { checkCron, dueDate, latestDue, nextDue } from '../../src/schedules/due-times.js'
import { resolvePeriod } from '../../src/schedules/relative-period.js'

describe('relative periods', () => {
  it('last-month is the previous whole month, across a year boundary', () => {
    expect(resolvePeriod('last-month', '2026-01-01', 1)).toBe('2025-12')
    expect(resolvePeriod('last-month', '2026-03-31', 1)).toBe('2026-02')
    expect(resolvePeriod('last-month', '2026-03-01', 4)).toBe('2026-02')
  })

  it('last-quarter and last-year: calendar by default', () => {
    expect(resolvePeriod('last-quarter', '2026-07-01', 1)).toBe('2026-Q2')
    expect(resolvePeriod('last-quarter', '2026-06-30', 1)).toBe('2026-Q1')
    expect(resolvePeriod('last-quarter', '2026-01-01', 1)).toBe('2025-Q4')
    expect(resolvePeriod('last-year', '2026-01-01', 1)).toBe('2025')
    expect(resolvePeriod('last-year', '2026-12-31', 1)).toBe('2025')
  })

  it('quarters and years are fiscal when the fiscal year starts off January', () => {
    // FY2027 runs April 2026 – March 2027: its Q1 is April–June 2026.
    expect(resolvePeriod('last-quarter', '2026-07-01', 4)).toBe('FY2027-Q1')
    expect(resolvePeriod('last-quarter', '2026-04-01', 4)).toBe('FY2026-Q4')
    expect(resolvePeriod('last-quarter', '2026-03-31', 4)).toBe('FY2026-Q3')
    expect(resolvePeriod('last-year', '2026-04-01', 4)).toBe('FY2026')
    expect(resolvePeriod('last-year', '2026-03-31', 4)).toBe('FY2025')
    expect(resolvePeriod('this-quarter', '2026-10-15', 10)).toBe('FY2027-Q1')
    expect(resolvePeriod('last-year', '2026-10-01', 10)).toBe('FY2026')
  })

  it('this-month and this-quarter are the running period of the due date', () => {
    expect(resolvePeriod('this-month', '2026-09-01', 1)).toBe('2026-09')
    expect(resolvePeriod('this-quarter', '2026-09-30', 1)).toBe('2026-Q3')
    expect(resolvePeriod('this-quarter', '2026-10-01', 1)).toBe('2026-Q4')
    expect(resolvePeriod('this-year', '2026-12-31', 1)).toBe('2026')
  })

  it('an explicit period stays itself; anything else is refused', () => {
    expect(resolvePeriod('2026-Q3', '2027-01-01', 1)).toBe('2026-Q3')
    expect(resolvePeriod('FY2026', '2027-01-01', 4)).toBe('FY2026')
    expect(() => resolvePeriod('next-month', '2026-01-01', 1)).toThrow(/cannot read period/)
  })
})

describe('due times', () => {
  const monthly = '0 7 1 * *'
  const made = new Date('2026-06-15T10:00:00Z')

  it('the latest slot at or before now, none before the schedule was made', () => {
    expect(latestDue(monthly, 'UTC', made, new Date('2026-06-30T23:59:00Z'))).toBeNull()
    const at = new Date('2026-07-01T07:00:00Z')
    expect(latestDue(monthly, 'UTC', made, at)).toEqual(at)
    // After downtime: only the latest missed slot, not one per month missed.
    expect(latestDue(monthly, 'UTC', made, new Date('2026-10-20T00:00:00Z'))).toEqual(
      new Date('2026-10-01T07:00:00Z'),
    )
    expect(nextDue(monthly, 'UTC', at)).toEqual(new Date('2026-08-01T07:00:00Z'))
  })

  it('a time zone moves the slot and the due date with it', () => {
    const due = latestDue('0 0 1 * *', 'Europe/Warsaw', made, new Date('2026-08-01T00:00:00Z'))
    expect(due).toEqual(new Date('2026-07-31T22:00:00Z'))
    expect(dueDate(due as Date, 'Europe/Warsaw')).toBe('2026-08-01')
    expect(dueDate(due as Date, 'UTC')).toBe('2026-07-31')
  })

  it('refuses what is not a 5-field cron expression or a time zone', () => {
    expect(() => checkCron('0 7 1 * * *', 'UTC')).toThrow(/5 cron fields/)
    expect(() => checkCron('61 7 1 * *', 'UTC')).toThrow(/not a cron expression/)
    expect(() => checkCron('0 7 1 * *', 'Mars/Base')).toThrow(/unknown time zone/)
    expect(() => checkCron('*/15 8-17 * * 1-5', 'Europe/Warsaw')).not.toThrow()
  })
})

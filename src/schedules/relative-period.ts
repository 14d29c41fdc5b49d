import { addMonthsToMonthStart, bucketStart } from '../metrics/periods.js'
import { reviewPeriods } from '../review/review-input.js'

/** The periods a schedule may name relative to its due date, besides an explicit one. */
export const relativePeriods = [
  'last-month',
  'last-quarter',
  'last-year',
  'this-month',
  'this-quarter',
  'this-year',
] as const
export type RelativePeriod = (typeof relativePeriods)[number]

const grains = { month: 1, quarter: 3, year: 12 } as const

/**
 * The period a schedule's pack reviews, as `parsePeriod` reads it, for the date it is due:
 * last-* is the previous whole period, this-* the running one (read like for like to the due
 * date). Quarters and years are fiscal (fiscal_year_start_month), named FY2027-Q1 when the
 * fiscal year does not start in January; anything else is an explicit period, checked here.
 *
 * @example
 * resolvePeriod('last-month', '2026-01-01', 1) // '2025-12'
 * resolvePeriod('last-quarter', '2026-07-01', 4) // 'FY2027-Q1' (April–June 2026)
 */
export function resolvePeriod(token: string, dueDate: string, fiscalStartMonth: number): string {
  const m = /^(last|this)-(month|quarter|year)$/.exec(token)
  if (!m) {
    // A month, quarter or year the review can read; the error says what is wrong.
    reviewPeriods(token, fiscalStartMonth)
    return token
  }
  const grain = m[2] as keyof typeof grains
  const current = bucketStart(dueDate, grain, fiscalStartMonth)
  const start = m[1] === 'last' ? addMonthsToMonthStart(current, -grains[grain]) : current
  return periodLabel(start, grain, fiscalStartMonth)
}

/** The name of the period of a grain starting on `start` (a fiscal name off a January start). */
function periodLabel(start: string, grain: keyof typeof grains, fiscalStartMonth: number): string {
  const year = Number(start.slice(0, 4))
  const month = Number(start.slice(5, 7))
  if (grain === 'month') return start.slice(0, 7)
  if (fiscalStartMonth === 1)
    return grain === 'year' ? String(year) : `${year}-Q${Math.floor((month - 1) / 3) + 1}`
  // FY2027 is the fiscal year that ends in 2027 (see parsePeriod).
  const fyStartYear = month >= fiscalStartMonth ? year : year - 1
  const fy = `FY${fyStartYear + 1}`
  if (grain === 'year') return fy
  return `${fy}-Q${Math.floor(((month - fiscalStartMonth + 12) % 12) / 3) + 1}`
}

/** Whether a --period is one a schedule can take (relative or explicit); the error says why not. */
export function checkSchedulePeriod(token: string, fiscalStartMonth: number): void {
  resolvePeriod(token, '2026-01-01', fiscalStartMonth)
}

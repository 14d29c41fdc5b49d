import { MiernikError } from '../errors.js'

/** How buckets are cut: calendar-aligned (fiscal for quarter/year) or one bucket for the whole range. */
export type Grain = 'month' | 'quarter' | 'year' | 'all'

/** A closed date range [start, end] (ISO dates). `aligned` is set when it is a whole grain bucket. */
export interface Period {
  start: string
  end: string
  aligned?: 'month' | 'quarter' | 'year'
}

// Dates are handled as UTC calendar days: no clock, no local time zone.
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`)
const toIso = (d: Date) => d.toISOString().slice(0, 10)

/** Years a period or date may name: two-digit years are typos, and JavaScript's Date reads them as 19xx. */
export const yearRange = { from: 1900, to: 2999 } as const

/** An ISO date YYYY-MM-DD that exists, in the years Miernik reads (1900–2999). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const year = Number(s.slice(0, 4))
  if (year < yearRange.from || year > yearRange.to) return false
  const d = toDate(s)
  return !Number.isNaN(d.getTime()) && toIso(d) === s
}

export function addDays(iso: string, days: number): string {
  const d = toDate(iso)
  d.setUTCDate(d.getUTCDate() + days)
  return toIso(d)
}

/** First day of the month `months` after the month of `iso`. */
export function addMonthsToMonthStart(iso: string, months: number): string {
  const d = toDate(iso)
  return toIso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)))
}

/** Same day `months` later, clamped to the month's end (Feb 29 -> Feb 28). */
export function addMonths(iso: string, months: number): string {
  const d = toDate(iso)
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d.getUTCDate(), last))
  return toIso(first)
}

export function daysInclusive(p: Period): number {
  return Math.round((toDate(p.end).getTime() - toDate(p.start).getTime()) / 86_400_000) + 1
}

const grainMonths = { month: 1, quarter: 3, year: 12 } as const

/** Start of the grain bucket holding `iso`; quarters and years start at the fiscal month. */
export function bucketStart(
  iso: string,
  grain: 'month' | 'quarter' | 'year',
  fiscalStartMonth: number,
): string {
  const d = toDate(iso)
  const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth()
  const size = grainMonths[grain]
  const offset = grain === 'month' ? 0 : fiscalStartMonth - 1
  const startIndex = Math.floor((monthIndex - offset) / size) * size + offset
  return toIso(new Date(Date.UTC(Math.floor(startIndex / 12), startIndex % 12, 1)))
}

function alignedPeriod(start: string, grain: 'month' | 'quarter' | 'year'): Period {
  return {
    start,
    end: addDays(addMonthsToMonthStart(start, grainMonths[grain]), -1),
    aligned: grain,
  }
}

/** Cuts [from, to] into buckets of the grain; partial buckets at the edges are clipped. */
export function buckets(
  from: string,
  to: string,
  grain: Grain,
  fiscalStartMonth: number,
): Period[] {
  if (to < from)
    throw new MiernikError('INVALID_PERIOD', `the period ends (${to}) before it starts (${from})`)
  if (grain === 'all') return [wholeOrRange(from, to, fiscalStartMonth)]
  const result: Period[] = []
  let start = bucketStart(from, grain, fiscalStartMonth)
  while (start <= to) {
    const full = alignedPeriod(start, grain)
    const clipped = {
      start: full.start < from ? from : full.start,
      end: full.end > to ? to : full.end,
    }
    result.push(clipped.start === full.start && clipped.end === full.end ? full : clipped)
    start = addMonthsToMonthStart(start, grainMonths[grain])
  }
  return result
}

/** A range that is exactly a calendar month/quarter/year keeps that alignment for comparisons. */
function wholeOrRange(from: string, to: string, fiscalStartMonth: number): Period {
  for (const g of ['month', 'quarter', 'year'] as const) {
    for (const fsm of g === 'month' ? [1] : [fiscalStartMonth, 1]) {
      const p = alignedPeriod(bucketStart(from, g, fsm), g)
      if (p.start === from && p.end === to) return p
    }
  }
  return { start: from, end: to }
}

/**
 * The preceding period of the same grain; for a range of whole months, as many months
 * before it; for any other range, the same number of days before it.
 */
export function previousPeriod(p: Period): Period {
  if (p.aligned)
    return alignedPeriod(addMonthsToMonthStart(p.start, -grainMonths[p.aligned]), p.aligned)
  const months = wholeMonths(p)
  if (months !== null) return shiftWholeMonths(p, -months)
  const days = daysInclusive(p)
  return { start: addDays(p.start, -days), end: addDays(p.start, -1) }
}

const isMonthEnd = (iso: string) => addDays(iso, 1).endsWith('-01')

/** The number of months of a range from a 1st to a month's last day, else null. */
function wholeMonths(p: Period): number | null {
  if (!p.start.endsWith('-01') || !isMonthEnd(p.end)) return null
  const [sy, sm] = p.start.split('-').map(Number) as [number, number]
  const [ey, em] = p.end.split('-').map(Number) as [number, number]
  return (ey - sy) * 12 + (em - sm) + 1
}

/** Whole months moved by whole months: they stay whole months (Feb ends on the 28th or 29th). */
function shiftWholeMonths(p: Period, months: number): Period {
  const start = addMonthsToMonthStart(p.start, months)
  return { start, end: addDays(addMonthsToMonthStart(p.end, months + 1), -1) }
}

/** The same period one year earlier. */
export function yearAgoPeriod(p: Period): Period {
  if (p.aligned) return alignedPeriod(addMonthsToMonthStart(p.start, -12), p.aligned)
  const end = isMonthEnd(p.end)
    ? addDays(addMonthsToMonthStart(p.end, -11), -1) // a month's last day stays its last day
    : addMonths(p.end, -12)
  return { start: addMonths(p.start, -12), end }
}

/** The last quarter (fiscal) over by `asOf`: the one ending on it, else the one before. */
export function lastFullQuarter(asOf: string, fiscalStartMonth: number): Period {
  const current = alignedPeriod(bucketStart(asOf, 'quarter', fiscalStartMonth), 'quarter')
  return current.end <= asOf ? current : previousPeriod(current)
}

/** The quarter after the one holding `iso` (fiscal quarters follow the fiscal start month). */
export function nextQuarter(iso: string, fiscalStartMonth: number): Period {
  const current = bucketStart(iso, 'quarter', fiscalStartMonth)
  return alignedPeriod(addMonthsToMonthStart(current, 3), 'quarter')
}

export interface ParsedPeriod {
  from: string
  to: string
  /** The grain the period names (2026-Q2 is a quarter), the default for --grain. */
  grain: Grain
}

/**
 * Parses the period syntax of the CLI and API: 2026 (year), 2026-Q2 (calendar quarter),
 * 2026-05 (month), FY2026 and FY2026-Q1 (fiscal: FY2026 is the fiscal year that ends in 2026).
 */
export function parsePeriod(text: string, fiscalStartMonth: number): ParsedPeriod {
  const t = text.trim().toUpperCase()
  const named = t.match(/^(?:FY)?(\d{4})/)?.[1]
  if (named && (Number(named) < yearRange.from || Number(named) > yearRange.to)) {
    throw new MiernikError(
      'INVALID_PERIOD',
      `cannot read period '${text}': the year must lie in ${yearRange.from}–${yearRange.to}`,
    )
  }
  let m: RegExpMatchArray | null
  const year = (y: string) => Number(y)
  if ((m = t.match(/^(\d{4})$/))) {
    const p = alignedPeriod(`${m[1]}-01-01`, 'year')
    return { from: p.start, to: p.end, grain: 'year' }
  }
  if ((m = t.match(/^(\d{4})-Q([1-4])$/))) {
    const month = (Number(m[2]) - 1) * 3 + 1
    const p = alignedPeriod(`${m[1]}-${String(month).padStart(2, '0')}-01`, 'quarter')
    return { from: p.start, to: p.end, grain: 'quarter' }
  }
  if ((m = t.match(/^(\d{4})-(\d{2})$/)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const p = alignedPeriod(`${m[1]}-${m[2]}-01`, 'month')
    return { from: p.start, to: p.end, grain: 'month' }
  }
  if ((m = t.match(/^FY(\d{4})(?:-Q([1-4]))?$/))) {
    // A fiscal year starting in January is the calendar year; otherwise it starts the year before.
    const startYear = fiscalStartMonth === 1 ? year(m[1] as string) : year(m[1] as string) - 1
    const fyStart = `${startYear}-${String(fiscalStartMonth).padStart(2, '0')}-01`
    if (m[2] === undefined) {
      const p = { ...alignedPeriod(fyStart, 'year') }
      return { from: p.start, to: p.end, grain: 'year' }
    }
    const p = alignedPeriod(addMonthsToMonthStart(fyStart, (Number(m[2]) - 1) * 3), 'quarter')
    return { from: p.start, to: p.end, grain: 'quarter' }
  }
  throw new MiernikError(
    'INVALID_PERIOD',
    `cannot read period '${text}': use 2026, 2026-Q2, 2026-05, FY2026 or FY2026-Q1, or --from/--to dates`,
  )
}

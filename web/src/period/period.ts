// Period picker values, as the API's `period` parameter spells them:
// 2026-05 (month), 2026-Q2 (quarter), 2026 (year), FY2026-Q1 and FY2026 (fiscal; FY2026 ends in 2026).
import type { Grain, ResolvedPeriod } from '../api/types.js'

export type PeriodKind = 'month' | 'quarter' | 'year' | 'fquarter' | 'fyear'
export const periodKinds: readonly PeriodKind[] = ['month', 'quarter', 'year', 'fquarter', 'fyear']

export interface PeriodValue {
  kind: PeriodKind
  year: number
  /** Month 1–12 or quarter 1–4; 0 for years. */
  n: number
}

const patterns: [PeriodKind, RegExp][] = [
  ['month', /^(\d{4})-(0[1-9]|1[0-2])$/],
  ['quarter', /^(\d{4})-Q([1-4])$/],
  ['year', /^(\d{4})$/],
  ['fquarter', /^FY(\d{4})-Q([1-4])$/],
  ['fyear', /^FY(\d{4})$/],
]

export function parsePeriodValue(s: string): PeriodValue | null {
  for (const [kind, re] of patterns) {
    const m = re.exec(s)
    if (m) return { kind, year: Number(m[1]), n: m[2] === undefined ? 0 : Number(m[2]) }
  }
  return null
}

export function formatPeriodValue(p: PeriodValue): string {
  switch (p.kind) {
    case 'month':
      return `${p.year}-${String(p.n).padStart(2, '0')}`
    case 'quarter':
      return `${p.year}-Q${p.n}`
    case 'year':
      return String(p.year)
    case 'fquarter':
      return `FY${p.year}-Q${p.n}`
    case 'fyear':
      return `FY${p.year}`
  }
}

const perYear: Record<PeriodKind, number> = {
  month: 12,
  quarter: 4,
  year: 1,
  fquarter: 4,
  fyear: 1,
}

/** The period `delta` steps later (earlier when negative), of the same kind. */
export function shiftPeriodValue(p: PeriodValue, delta: number): PeriodValue {
  const size = perYear[p.kind]
  if (size === 1) return { ...p, year: p.year + delta }
  const index = p.year * size + (p.n - 1) + delta
  return { kind: p.kind, year: Math.floor(index / size), n: (index % size) + 1 }
}

/** The period of the kind that holds the date `iso`; fiscal kinds follow the fiscal start month. */
export function periodContaining(kind: PeriodKind, iso: string, fiscalStart: number): PeriodValue {
  const year = Number(iso.slice(0, 4))
  const month = Number(iso.slice(5, 7))
  switch (kind) {
    case 'month':
      return { kind, year, n: month }
    case 'quarter':
      return { kind, year, n: Math.floor((month - 1) / 3) + 1 }
    case 'year':
      return { kind, year, n: 0 }
    case 'fquarter':
    case 'fyear': {
      const monthsIn = (month - fiscalStart + 12) % 12
      const fy = fiscalStart === 1 || month < fiscalStart ? year : year + 1
      return { kind, year: fy, n: kind === 'fyear' ? 0 : Math.floor(monthsIn / 3) + 1 }
    }
  }
}

/** The default period: the current quarter of the as-of date (fiscal when the year is fiscal). */
export function defaultPeriod(asOf: string, fiscalStart: number): string {
  return formatPeriodValue(
    periodContaining(fiscalStart === 1 ? 'quarter' : 'fquarter', asOf, fiscalStart),
  )
}

/** Choices for the picker: the `count` periods of the kind up to the one holding `asOf`, newest first. */
export function periodOptions(kind: PeriodKind, asOf: string, fiscalStart: number, count: number) {
  const last = periodContaining(kind, asOf, fiscalStart)
  return Array.from({ length: count }, (_, i) => shiftPeriodValue(last, -i))
}

/** First day of the month `months` after the month of `iso`. */
export function addMonths(iso: string, months: number): string {
  const index = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`
}

const grainMonths = { month: 1, quarter: 3, year: 12 } as const
export const trendLength = 8

/**
 * The range and grain of a trend: the last 8 periods of the picked grain, ending with the picked
 * period; a custom range is cut into months.
 */
export function trendRange(p: ResolvedPeriod): ResolvedPeriod {
  if (p.grain === 'all') return { from: p.from, to: p.to, grain: 'month' }
  return {
    from: addMonths(p.from, -(trendLength - 1) * grainMonths[p.grain]),
    to: p.to,
    grain: p.grain,
  }
}

/** The grain a period value stands for. */
export function grainOf(kind: PeriodKind): Exclude<Grain, 'all'> {
  return kind === 'month' ? 'month' : kind === 'quarter' || kind === 'fquarter' ? 'quarter' : 'year'
}

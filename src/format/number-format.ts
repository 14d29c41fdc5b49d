// Numbers, money and dates per locale, with Intl: en-US "$1,234,568", pl-PL "1 234 568 USD".
// One format for the CLI and the dashboard: negatives with a true minus sign (−), money
// without cents from 100 up (cents matter only in small sums: $45.20 a day), ratios as
// percentages whose changes are percentage points, multiples as "3.9×" changing by "+0.4×".
import type { Lang, Unit } from '../contracts/vocabulary.js'

export interface Formatter {
  locale: string
  /** A metric value as shown on a card: percentages with one decimal, money rounded. */
  value(v: number | null | undefined, unit: Unit): string
  /** A change of a metric value, always signed: percentage points for ratios, × for multiples. */
  change(v: number | null | undefined, unit: Unit): string
  /** A short axis label: "$3M", "25%", "120". */
  compact(v: number, unit: Unit): string
  number(v: number, maxDigits?: number): string
  money(v: number, digits?: number): string
  date(iso: string): string
  range(from: string, to: string): string
  /** A trend bucket: "May 2026", "Apr – Jun 2026", "2026". */
  bucket(start: string, end: string): string
}

const utc = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`)
const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s)

export function makeFormatter(lang: Lang, currency: string): Formatter {
  const locale = lang === 'pl' ? 'pl-PL' : 'en-US'
  const nf = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, o)
  const cache = new Map<string, Intl.NumberFormat>()
  const get = (key: string, o: Intl.NumberFormatOptions) => {
    let f = cache.get(key)
    if (!f) cache.set(key, (f = nf(o)))
    return f
  }
  const moneyDigits = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? 0 : 2)
  const money = (v: number, digits = moneyDigits(v), sign = false) =>
    get(`m${digits}${sign}`, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: sign ? 'exceptZero' : 'auto',
    }).format(v)
  const unitFormat = (unit: 'day' | 'hour', v: number, sign: boolean) =>
    get(`${unit}${sign}`, {
      style: 'unit',
      unit,
      unitDisplay: 'long',
      maximumFractionDigits: 1,
      signDisplay: sign ? 'exceptZero' : 'auto',
    }).format(v)
  const perDay = lang === 'pl' ? '/dzień' : '/day'

  const format = (v: number, unit: Unit, sign: boolean): string => minus(formatUnit(v, unit, sign))
  const formatUnit = (v: number, unit: Unit, sign: boolean): string => {
    switch (unit) {
      case 'currency':
        return money(v, moneyDigits(v), sign)
      case 'currency_per_day':
        return `${money(v, moneyDigits(v), sign)}${perDay}`
      case 'ratio':
        if (sign) {
          const pp = get('pp', {
            maximumFractionDigits: 1,
            minimumFractionDigits: 1,
            signDisplay: 'exceptZero',
          })
          return `${pp.format(v * 100)} ${lang === 'pl' ? 'p.p.' : 'pp'}`
        }
        return get('pct', {
          style: 'percent',
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        }).format(v)
      case 'multiple':
        return `${get(`x${sign}`, {
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
          signDisplay: sign ? 'exceptZero' : 'auto',
        }).format(v)}×`
      case 'days':
        return unitFormat('day', v, sign)
      case 'hours':
        return unitFormat('hour', v, sign)
      case 'count':
        return get(`n${sign}`, {
          maximumFractionDigits: 1,
          signDisplay: sign ? 'exceptZero' : 'auto',
        }).format(v)
    }
  }
  const dateFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
  const monthFormat = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })

  return {
    locale,
    value: (v, unit) => (v === null || v === undefined ? '—' : format(v, unit, false)),
    change: (v, unit) => (v === null || v === undefined ? '—' : format(v, unit, true)),
    compact: (v, unit) => {
      if (unit === 'ratio')
        return minus(get('pct0', { style: 'percent', maximumFractionDigits: 1 }).format(v))
      if (unit === 'multiple') return `${minus(get('x0', { maximumFractionDigits: 1 }).format(v))}×`
      if (unit === 'currency' || unit === 'currency_per_day')
        return minus(
          get('mc', {
            style: 'currency',
            currency,
            notation: 'compact',
            maximumFractionDigits: 1,
          }).format(v),
        )
      return minus(get('nc', { notation: 'compact', maximumFractionDigits: 1 }).format(v))
    },
    number: (v, maxDigits = 2) =>
      minus(get(`num${maxDigits}`, { maximumFractionDigits: maxDigits }).format(v)),
    money: (v, digits) => minus(money(v, digits ?? moneyDigits(v))),
    date: (iso) => (isIsoDate(iso.slice(0, 10)) ? dateFormat.format(utc(iso)) : iso),
    range: (from, to) => dateFormat.formatRange(utc(from), utc(to)),
    bucket: (start, end) => {
      if (start.slice(0, 7) === end.slice(0, 7) && start.endsWith('-01'))
        return monthFormat.format(utc(start))
      if (
        start.endsWith('-01-01') &&
        end.endsWith('-12-31') &&
        start.slice(0, 4) === end.slice(0, 4)
      )
        return start.slice(0, 4)
      return start.endsWith('-01') && isMonthEnd(end)
        ? monthFormat.formatRange(utc(start), utc(end))
        : dateFormat.formatRange(utc(start), utc(end))
    },
  }
}

/** Intl writes a hyphen-minus for negatives; the minus sign (U+2212) reads as one. */
const minus = (s: string) => s.replace(/-(?=[\d\s$€£¥]|[A-Z]{3})/g, '\u2212')

function isMonthEnd(iso: string): boolean {
  const next = new Date(utc(iso).getTime() + 86_400_000)
  return next.getUTCDate() === 1
}

/** The numbers a formula shows: a result row's numerator and denominator. */
export interface FormulaNumbers {
  value: number | null
  numerator: number | null
  denominator: number | null
  unit: Unit
}

/** "25 won / 100 closed": a formula template with the row's numbers filled in. */
export function fillFormula(template: string, row: FormulaNumbers, fmt: Formatter): string {
  const fill = (v: number | null) => (v === null ? '?' : fmt.number(v))
  return template
    .replace('{numerator}', fill(row.numerator))
    .replace('{denominator}', fill(row.denominator))
}

/** "Win rate 25.0% = 25 won / 100 closed": the line the CLI's --explain and the drill-down show. */
export function formulaLine(
  name: string,
  template: string,
  row: FormulaNumbers,
  fmt: Formatter,
): string {
  return `${name} ${fmt.value(row.value, row.unit)} = ${fillFormula(template, row, fmt)}`
}

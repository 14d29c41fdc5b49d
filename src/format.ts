import type { Unit } from './metrics/metric-schema.js'
import type { ResultRow } from './metrics/result-row.js'

/** Human formatting of values by unit; JSON and CSV keep raw numbers. */
export function formatValue(value: number | null, unit: Unit, currency: string): string {
  if (value === null) return 'n/a'
  switch (unit) {
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`
    case 'currency':
      return money(value, currency)
    case 'currency_per_day':
      return `${money(value, currency)}/day`
    case 'days':
      return `${value.toFixed(1)} days`
    case 'hours':
      return `${value.toFixed(1)} h`
    case 'count':
      return plain(value)
  }
}

/** A change: percentage points for ratios, signed amounts otherwise. */
export function formatChange(
  change: number | null | undefined,
  unit: Unit,
  currency: string,
): string {
  if (change === null || change === undefined) return ''
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±'
  if (unit === 'ratio') return `${sign}${Math.abs(change * 100).toFixed(1)} pp`
  return `${sign}${formatValue(Math.abs(change), unit, currency)}`
}

export function money(value: number, currency: string): string {
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : 2
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value)
}

export function plain(value: number): string {
  return Number.isInteger(value)
    ? value.toLocaleString('en-US')
    : value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** "25 won / 100 closed": the metric's formula with the row's numbers filled in. */
export function explain(formula: string, row: ResultRow): string {
  const fill = (v: number | null) => (v === null ? '?' : plain(v))
  return formula
    .replace('{numerator}', fill(row.numerator))
    .replace('{denominator}', fill(row.denominator))
}

export function groupLabel(group: Record<string, string | null>): string {
  const parts = Object.entries(group).map(([k, v]) => `${k}=${v ?? '(none)'}`)
  return parts.length ? parts.join(' ') : 'all'
}

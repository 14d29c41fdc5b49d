import type { Unit } from './metric-schema.js'

/** One result (design.md §5): also the JSON of the CLI and the HTTP API. */
export interface ResultRow {
  metric: string
  period_start: string
  period_end: string
  group: Record<string, string | null>
  value: number | null
  numerator: number | null
  denominator: number | null
  unit: Unit
  /** Records left out of the value as bad data (e.g. cycles of zero days). */
  excluded: number
  /** What the excluded records are (non_positive_cycle, no_amount); the metric's `excludes` says it in words. */
  excluded_reason?: string
  /** Why value is null: no_closed_deals, zero_base, no_quota, unsupported_grouping... */
  reason?: string
  previous?: number | null
  change?: number | null
  /** The target set for this metric, period and scope (company, or the rep or team grouped by). */
  target?: number
}

// The HTTP API's JSON shapes (design.md §5 and the API contract of `miernik serve`).

export type Unit = 'currency' | 'ratio' | 'days' | 'count' | 'currency_per_day' | 'hours'
export type Category = 'revenue' | 'conversion' | 'pipeline' | 'customers' | 'team'
export type Dimension = 'rep' | 'team' | 'segment' | 'source' | 'product' | 'region' | 'pipeline'
export type Grain = 'month' | 'quarter' | 'year' | 'all'
export type Lang = 'en' | 'pl'

export const categories: readonly Category[] = [
  'revenue',
  'conversion',
  'pipeline',
  'customers',
  'team',
]
export const dimensions: readonly Dimension[] = [
  'rep',
  'team',
  'segment',
  'source',
  'product',
  'region',
  'pipeline',
]
/** The dimensions the filter bar offers. */
export const filterDims = ['team', 'rep', 'segment', 'source', 'product'] as const
export type FilterDim = (typeof filterDims)[number]
export type Filters = Partial<Record<FilterDim, string[]>>

export interface MetricInfo {
  id: string
  names: Record<Lang, string>
  category: Category
  unit: Unit
  direction: 'higher' | 'lower'
  groupings: Dimension[]
  help: string
  formula: string
  /** The same in Polish. */
  help_pl: string
  formula_pl: string
  /** Which parts can be drilled into (absent: assume both). */
  drill?: { numerator: boolean; denominator: boolean }
  /** Stage metrics: one row per stage. */
  per_stage?: boolean
}

export interface Catalog {
  metrics: MetricInfo[]
  starter: string[]
  dimensions: Dimension[]
  categories: Category[]
}

export interface Settings {
  base_currency: string
  fiscal_year_start_month: number
  customer_lifetime_years: number | null
  tracked_metrics: string[]
  as_of: string
}

export interface ResolvedPeriod {
  from: string
  to: string
  grain: Grain
}

export interface MetricQuery {
  metrics: string[]
  from: string
  to: string
  grain?: Grain
  by?: Dimension[]
  filters?: Filters
  compare?: 'previous' | 'year_ago'
  asOf?: string
}

export interface ResultRow {
  metric: string
  period_start: string
  period_end: string
  group: Record<string, string | null>
  value: number | null
  numerator: number | null
  denominator: number | null
  unit: Unit
  excluded: number
  reason?: string
  previous?: number | null
  change?: number | null
  /** The target for this metric, period and scope, where one is set. */
  target?: number
}

export interface DimensionValue {
  value: string
  label: string
}

export type DrillPart = 'numerator' | 'denominator'
export type ColumnType = 'text' | 'date' | 'number' | 'money'

export interface DrilldownResponse {
  metric: string
  part: DrillPart
  period: { start: string; end: string }
  group: Record<string, string | null>
  value: number | null
  numerator: number | null
  denominator: number | null
  unit: Unit
  /** Filled in, English: "Win rate 25.0% = 25 won / 100 closed"; null when there is no row. */
  formula: string | null
  total: number
  page: number
  page_size: number
  columns: { name: string; type: ColumnType }[]
  rows: Record<string, unknown>[]
}

export interface FunnelStage {
  stage: string
  position: number
  reached: number
  amount: number
  next_reached: number | null
  conversion: number | null
  /** reached / the first stage's reached. */
  cumulative: number | null
  /** Deals that stopped here: reached − next_reached. */
  drop_off: number | null
  mean_days: number | null
}

export interface FunnelResponse {
  pipelines: { pipeline: string; stages: FunnelStage[] }[]
}

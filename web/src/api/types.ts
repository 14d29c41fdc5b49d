// The HTTP API's JSON shapes. The shared ones come from the server's zod schemas
// (src/contracts), as types only: nothing here is kept by hand twice.
import type { Dimension, Grain } from '../../../src/contracts/vocabulary.js'

export type {
  Category,
  ColumnKind as ColumnType,
  Dimension,
  Direction,
  DrillPart,
  Grain,
  Lang,
  Unit,
} from '../../../src/contracts/vocabulary.js'
export { categories, dimensions } from '../../../src/contracts/vocabulary.js'
export type { ResultRow } from '../../../src/contracts/result-row.js'
export type {
  CatalogResponse as Catalog,
  MetricInfo,
} from '../../../src/contracts/catalog-response.js'
export type { DrilldownResponse } from '../../../src/contracts/drilldown-response.js'
export type { FunnelResponse, FunnelStage } from '../../../src/contracts/funnel-response.js'
export type { StatusResponse } from '../../../src/contracts/status-response.js'
export type { QualityResponse } from '../../../src/contracts/quality-response.js'

/** The dimensions the filter bar offers. */
export const filterDims = ['team', 'rep', 'segment', 'source', 'product'] as const
export type FilterDim = (typeof filterDims)[number]
export type Filters = Partial<Record<FilterDim, string[]>>

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
  forecastMadeBefore?: string
}

export interface DimensionValue {
  value: string
  label: string
}

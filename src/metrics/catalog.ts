import { MiernikError } from '../errors.js'
import { averageDealSize } from './catalog/average-deal-size.js'
import { churnRate } from './catalog/churn-rate.js'
import { customerAcquisitionCost } from './catalog/customer-acquisition-cost.js'
import { customerLifetimeValue } from './catalog/customer-lifetime-value.js'
import { customerRetentionRate } from './catalog/customer-retention-rate.js'
import { forecastAccuracy } from './catalog/forecast-accuracy.js'
import { leadConversionRate } from './catalog/lead-conversion-rate.js'
import { netCustomerChurn } from './catalog/net-customer-churn.js'
import { opportunityConversionRate } from './catalog/opportunity-conversion-rate.js'
import { pipelineCoverage } from './catalog/pipeline-coverage.js'
import { pipelineVelocity } from './catalog/pipeline-velocity.js'
import { qualifiedLeads } from './catalog/qualified-leads.js'
import { quotaAttainmentRate } from './catalog/quota-attainment-rate.js'
import { repProductivity } from './catalog/rep-productivity.js'
import { revenueGrowth } from './catalog/revenue-growth.js'
import { salesCycleLength } from './catalog/sales-cycle-length.js'
import { stageConversion } from './catalog/stage-conversion.js'
import { timeInStage } from './catalog/time-in-stage.js'
import { timeSpentSelling } from './catalog/time-spent-selling.js'
import { totalRevenue } from './catalog/total-revenue.js'
import { winRate } from './catalog/win-rate.js'
import type { MetricDefinition } from './metric-schema.js'

/** The catalogue in display order (design.md §4). */
export const catalog: readonly MetricDefinition[] = [
  totalRevenue,
  revenueGrowth,
  averageDealSize,
  leadConversionRate,
  opportunityConversionRate,
  winRate,
  salesCycleLength,
  stageConversion,
  timeInStage,
  qualifiedLeads,
  pipelineVelocity,
  forecastAccuracy,
  pipelineCoverage,
  customerAcquisitionCost,
  customerLifetimeValue,
  churnRate,
  netCustomerChurn,
  customerRetentionRate,
  quotaAttainmentRate,
  repProductivity,
  timeSpentSelling,
]

/** The starter seven (design.md §1): where a team begins. */
export const starterMetrics = [
  'lead_conversion_rate',
  'average_deal_size',
  'win_rate',
  'quota_attainment_rate',
  'revenue_growth',
  'pipeline_coverage',
  'customer_retention_rate',
] as const

const byId = new Map(catalog.map((m) => [m.id, m]))
if (byId.size !== catalog.length)
  throw new MiernikError('INVALID_DEFINITION', 'two metrics share an id')

export function getMetric(id: string): MetricDefinition {
  const metric = byId.get(id)
  if (!metric) {
    throw new MiernikError(
      'METRIC_NOT_FOUND',
      `unknown metric '${id}'; run 'miernik metrics --list' for the catalogue`,
    )
  }
  return metric
}

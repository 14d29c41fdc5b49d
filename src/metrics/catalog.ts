import { readdirSync } from 'node:fs'
import { MiernikError } from '../errors.js'
import { compileMetric } from './compile-metric.js'
import type { Declaration, MetricDefinition } from './metric-schema.js'

/**
 * The catalogue: every declaration in catalog/ (one file per metric, found by listing the
 * folder, so a new metric is one new file), validated together at start-up. Every problem
 * of every declaration is reported in one error.
 */
const folder = new URL('./catalog/', import.meta.url)
const files = readdirSync(folder)
  .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
  .sort()
const declarations = (
  await Promise.all(files.map((f) => import(new URL(f, folder).href) as Promise<object>))
).flatMap((module) => Object.values(module) as Declaration<string>[])

/** The display order of design.md §4; metrics added later follow in file order. */
const displayOrder = [
  'total_revenue',
  'revenue_growth',
  'average_deal_size',
  'lead_conversion_rate',
  'opportunity_conversion_rate',
  'win_rate',
  'sales_cycle_length',
  'stage_conversion',
  'time_in_stage',
  'qualified_leads',
  'pipeline_velocity',
  'forecast_accuracy',
  'forecast_bias',
  'pipeline_coverage',
  'customer_acquisition_cost',
  'customer_lifetime_value',
  'churn_rate',
  'net_customer_churn',
  'customer_retention_rate',
  'quota_attainment_rate',
  'rep_productivity',
  'time_spent_selling',
]

function compileCatalog(all: Declaration<string>[]): MetricDefinition[] {
  const problems: string[] = []
  const definitions: MetricDefinition[] = []
  const seen = new Set<string>()
  for (const declaration of all) {
    const compiled = compileMetric(declaration)
    problems.push(...compiled.problems)
    if (!compiled.definition) continue
    if (seen.has(compiled.definition.id))
      problems.push(`${compiled.definition.id}: two metrics share this id`)
    seen.add(compiled.definition.id)
    definitions.push(compiled.definition)
  }
  if (problems.length > 0) {
    throw new MiernikError(
      'INVALID_DEFINITION',
      `invalid metric catalogue (${problems.length} problems):\n  ${problems.join('\n  ')}`,
    )
  }
  const rank = (id: string) => {
    const i = displayOrder.indexOf(id)
    return i < 0 ? displayOrder.length : i
  }
  return definitions.sort((a, b) => rank(a.id) - rank(b.id))
}

/** The catalogue in display order (design.md §4). */
export const catalog: readonly MetricDefinition[] = compileCatalog(declarations)

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

export { compileCatalog }

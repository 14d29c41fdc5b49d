import { factViews } from './fact-views/index.js'
import type { Dimension, MetricDefinition } from './metric-schema.js'
import { nestedInputs } from './nested/index.js'

/** Dimensions a metric can be grouped or filtered by: its declared groupings, as far as its inputs support them. */
export function supportedDims(metric: MetricDefinition): Set<Dimension> {
  const dims = new Set<Dimension>(metric.groupings)
  for (const m of Object.values(metric.measures)) {
    const own = factViews[m.source].dims
    for (const d of [...dims]) if (!(d in own)) dims.delete(d)
  }
  for (const s of metric.nested)
    for (const d of [...dims]) if (!nestedInputs[s].dims.includes(d)) dims.delete(d)
  return dims
}

/** Why a metric cannot be sliced this way, or null when it can. */
export function unsupportedBecause(
  metric: MetricDefinition,
  by: readonly Dimension[],
  filterDims: readonly Dimension[],
): 'unsupported_grouping' | 'unsupported_filter' | null {
  const dims = supportedDims(metric)
  const limits = metric.nested.map((s) => nestedInputs[s].limits).filter((l) => l !== undefined)
  if (!by.every((d) => dims.has(d)) || limits.some((l) => by.length > l.maxDims)) {
    return 'unsupported_grouping'
  }
  if (!filterDims.every((d) => dims.has(d))) return 'unsupported_filter'
  if (limits.some((l) => l.filtersOnGroupingOnly && !filterDims.every((d) => by.includes(d)))) {
    return 'unsupported_filter'
  }
  return null
}

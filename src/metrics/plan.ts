import type { ParsedQuery } from './query-schema.js'
import type { PlannedPeriod } from './compile-sql.js'
import {
  addDays,
  buckets,
  daysInclusive,
  previousPeriod,
  yearAgoPeriod,
  type Period,
} from './periods.js'
import type { Dimension, MetricDefinition } from './metric-schema.js'
import { sources } from './sources.js'
import { customers } from './specials/customers.js'
import { forecast } from './specials/forecast.js'
import { funnel } from './specials/funnel.js'
import { quotaAttainment } from './specials/quota-attainment.js'
import { sellingTime } from './specials/selling-time.js'
import type { Special } from './specials/special.js'

export const specials: Record<MetricDefinition['specials'][number], Special> = {
  customers,
  quota_attainment: quotaAttainment,
  forecast,
  funnel,
  selling_time: sellingTime,
}

/** The periods a query reads: its buckets, their comparisons, and the periods before them for growth. */
export interface Plan {
  periods: PlannedPeriod[]
  /** Index of each requested bucket in `periods`. */
  buckets: number[]
  /** Bucket index -> index of its comparison period. */
  compareOf: Map<number, number>
  /** Period index -> index of the period before it (for metrics that need it). */
  previousOf: Map<number, number>
}

export function planPeriods(
  query: ParsedQuery,
  fiscalStartMonth: number,
  needsPrevious: boolean,
): Plan {
  const periods: PlannedPeriod[] = []
  const index = new Map<string, number>()
  // The reference point of pipeline measures (see PlannedPeriod): the period's start once
  // it is over, the end of the as-of day while it runs or lies ahead.
  const add = (p: Period): number => {
    const key = `${p.start}/${p.end}`
    let i = index.get(key)
    if (i === undefined) {
      i = periods.length
      const over = p.end < query.asOf
      periods.push({
        ...p,
        ref: over ? p.start : query.asOf,
        openFrom: over ? p.start : addDays(query.asOf, 1),
        knownEnd: over ? p.end : query.asOf,
      })
      index.set(key, i)
    }
    return i
  }
  const bucketIdx = buckets(query.from, query.to, query.grain, fiscalStartMonth).map(add)
  const compareOf = new Map<number, number>()
  if (query.compare) {
    const shift = query.compare === 'previous' ? previousPeriod : yearAgoPeriod
    for (const i of bucketIdx) compareOf.set(i, add(shift(periods[i] as Period)))
  }
  const previousOf = new Map<number, number>()
  if (needsPrevious) {
    for (const i of [...bucketIdx, ...compareOf.values()])
      previousOf.set(i, add(previousPeriod(periods[i] as Period)))
  }
  return { periods, buckets: bucketIdx, compareOf, previousOf }
}

/** Dimensions a metric can be grouped or filtered by: its declared groupings, as far as its inputs support them. */
export function supportedDims(metric: MetricDefinition): Set<Dimension> {
  const dims = new Set<Dimension>(metric.groupings)
  for (const m of Object.values(metric.measures)) {
    const own = sources[m.source].dims
    for (const d of [...dims]) if (!(d in own)) dims.delete(d)
  }
  for (const s of metric.specials)
    for (const d of [...dims]) if (!specials[s].dims.includes(d)) dims.delete(d)
  return dims
}

export function monthsIn(p: Period): number {
  if (p.aligned) return { month: 1, quarter: 3, year: 12 }[p.aligned]
  return daysInclusive(p) / (365.25 / 12)
}

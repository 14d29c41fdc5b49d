import type { Params } from '../store/dialect.js'
import { periodColumn } from './columns.js'
import {
  addDays,
  buckets,
  daysInclusive,
  previousPeriod,
  yearAgoPeriod,
  type Period,
} from './periods.js'
import type { ParsedQuery } from './query-schema.js'

/**
 * A period with the reference point of pipeline measures: the start of its first day once
 * it is over (ref = openFrom = start), or the end of the as-of day while it runs or lies
 * ahead (ref = as-of, openFrom = the day after). A deal was open then if created on or
 * before `ref` and not closed before `openFrom`.
 */
export interface PlannedPeriod extends Period {
  ref: string
  openFrom: string
  /** The last day with facts: the period's end, or the as-of date while it runs. */
  knownEnd: string
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

/** Adds periods to one list once each, planned as of one date. */
class PeriodList {
  readonly periods: PlannedPeriod[] = []
  private readonly index = new Map<string, number>()

  constructor(private readonly asOf: string) {}

  add(p: Period): number {
    const key = `${p.start}/${p.end}`
    let i = this.index.get(key)
    if (i === undefined) {
      i = this.periods.length
      const over = p.end < this.asOf
      this.periods.push({
        ...p,
        ref: over ? p.start : this.asOf,
        openFrom: over ? p.start : addDays(this.asOf, 1),
        knownEnd: over ? p.end : this.asOf,
      })
      this.index.set(key, i)
    }
    return i
  }
}

function planInto(
  list: PeriodList,
  query: ParsedQuery,
  fiscalStartMonth: number,
  needsPrevious: boolean,
): Plan {
  const bucketIdx = buckets(query.from, query.to, query.grain, fiscalStartMonth).map((p) =>
    list.add(p),
  )
  const compareOf = new Map<number, number>()
  if (query.compare) {
    const shift = query.compare === 'previous' ? previousPeriod : yearAgoPeriod
    for (const i of bucketIdx) compareOf.set(i, list.add(shift(list.periods[i] as Period)))
  }
  const previousOf = new Map<number, number>()
  if (needsPrevious) {
    for (const i of [...bucketIdx, ...compareOf.values()])
      previousOf.set(i, list.add(previousPeriod(list.periods[i] as Period)))
  }
  return { periods: list.periods, buckets: bucketIdx, compareOf, previousOf }
}

/** One query's periods. */
export function planPeriods(
  query: ParsedQuery,
  fiscalStartMonth: number,
  needsPrevious: boolean,
): Plan {
  return planInto(new PeriodList(query.asOf), query, fiscalStartMonth, needsPrevious)
}

/**
 * Queries computed together (same as-of date) share one list of periods, each period
 * planned once: every plan's indexes point into the shared list.
 */
export function planBatch(
  queries: readonly ParsedQuery[],
  fiscalStartMonth: number,
  needsPrevious: (q: ParsedQuery) => boolean,
): { periods: PlannedPeriod[]; plans: Plan[] } {
  const list = new PeriodList((queries[0] as ParsedQuery).asOf)
  const plans = queries.map((q) => planInto(list, q, fiscalStartMonth, needsPrevious(q)))
  return { periods: list.periods, plans }
}

/** The first start and the last end of a set of periods. */
export function periodSpan(
  all: readonly PlannedPeriod[],
  only?: ReadonlySet<number>,
): { from: string; to: string } {
  const periods = only ? all.filter((_, i) => only.has(i)) : all
  return {
    from: periods.reduce((min, p) => (p.start < min ? p.start : min), '9999-12-31'),
    to: periods.reduce((max, p) => (p.end > max ? p.end : max), '0000-01-01'),
  }
}

/** The periods as a VALUES table p(idx, period_start, period_end, ref, open_from, known_end); `only` keeps some. */
export function periodsSql(
  periods: readonly PlannedPeriod[],
  params: Params,
  only?: ReadonlySet<number>,
): string {
  const rows = periods.flatMap((p, i) =>
    only && !only.has(i)
      ? []
      : [
          `(${i}, ${params.date(p.start)}, ${params.date(p.end)}, ${params.date(p.ref)}, ${params.date(p.openFrom)}, ${params.date(p.knownEnd)})`,
        ],
  )
  return `(VALUES ${rows.join(', ')}) AS p(${periodColumn}, period_start, period_end, ref, open_from, known_end)`
}

/** Months in a period: whole for a calendar bucket, else days / (365.25 / 12). */
export function monthsIn(p: Period): number {
  if (p.aligned) return { month: 1, quarter: 3, year: 12 }[p.aligned]
  return daysInclusive(p) / (365.25 / 12)
}

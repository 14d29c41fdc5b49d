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
 * Where a period stands against the as-of date: over (it ends on or before it), running
 * (it contains it and goes on after it) or in the future (it starts after it).
 */
export type PeriodStatus = 'over' | 'running' | 'future'

/**
 * A period as the SQL reads it. `knownEnd` is the last day with facts: the period's end
 * once it is over, the as-of date while it runs, and — for the period a running one is
 * compared with — the same number of days from its own start (like for like). The
 * reference point of pipeline measures is the start of the period once it is over
 * (ref = openFrom = start), else the end of its last known day (ref = knownEnd, openFrom
 * = the day after). A deal was open then if created on or before `ref` and not closed
 * before `openFrom`.
 */
export interface PlannedPeriod extends Period {
  status: PeriodStatus
  ref: string
  openFrom: string
  knownEnd: string
}

/** Whether a period's facts stop before its end (it runs, or it is cut to compare like for like). */
export const isPartial = (p: PlannedPeriod) => p.status !== 'future' && p.knownEnd < p.end

/** The share of a period's days up to its known end: where a target should stand by then. */
export function elapsedShare(p: PlannedPeriod): number {
  if (p.status === 'future') return 0
  return daysInclusive({ start: p.start, end: p.knownEnd }) / daysInclusive(p)
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

  /** Adds a period; `cutDays` cuts a period that is over to its first days (like for like). */
  add(p: Period, cutDays?: number): number {
    // A period whose last day is the as-of date is over: as of means to the end of that day.
    const status: PeriodStatus =
      p.end <= this.asOf ? 'over' : p.start > this.asOf ? 'future' : 'running'
    let knownEnd = status === 'over' ? p.end : this.asOf
    if (status === 'over' && cutDays !== undefined) {
      const cut = addDays(p.start, cutDays - 1)
      if (cut < p.end) knownEnd = cut
    }
    const key = `${p.start}/${p.end}/${knownEnd}`
    let i = this.index.get(key)
    if (i === undefined) {
      i = this.periods.length
      const whole = status === 'over' && knownEnd === p.end
      this.periods.push({
        ...p,
        status,
        knownEnd,
        ref: whole ? p.start : knownEnd,
        openFrom: whole ? p.start : addDays(knownEnd, 1),
      })
      this.index.set(key, i)
    }
    return i
  }
}

/**
 * A query's buckets, their comparison periods and the periods before them (growth). A
 * running bucket is compared like for like: its comparison and previous periods are cut
 * to the days it has run (the first 58 days of Q3 against the first 58 of Q4).
 */
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
  const previousOf = new Map<number, number>()
  const shift = query.compare === 'previous' ? previousPeriod : yearAgoPeriod
  for (const i of bucketIdx) {
    const p = list.periods[i] as PlannedPeriod
    const cut =
      p.status === 'running' ? daysInclusive({ start: p.start, end: p.knownEnd }) : undefined
    const compared = query.compare ? list.add(shift(p), cut) : undefined
    if (compared !== undefined) compareOf.set(i, compared)
    if (!needsPrevious) continue
    for (const j of compared === undefined ? [i] : [i, compared]) {
      const q = list.periods[j] as PlannedPeriod
      previousOf.set(j, list.add(previousPeriod(q), cut))
    }
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

/**
 * Months of facts in a period: whole for a calendar bucket that is over, else its known
 * days / (365.25 / 12) — a running quarter annualises over the days it has run.
 */
export function monthsIn(p: PlannedPeriod): number {
  if (p.aligned && !isPartial(p)) return { month: 1, quarter: 3, year: 12 }[p.aligned]
  return daysInclusive({ start: p.start, end: p.knownEnd }) / (365.25 / 12)
}

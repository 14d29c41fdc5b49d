import type { Store } from '../../store/store.js'
import type { RecordColumn } from '../fact-views/fact-view.js'
import type { GroupValues, PeriodGroupMap } from '../group-values.js'
import type { Dimension, Measure } from '../metric-schema.js'
import type { PlannedPeriod } from '../plan.js'

export interface NestedRunInput {
  store: Store
  periods: readonly PlannedPeriod[]
  /** The indexes of `periods` the metrics need this input for. */
  only: ReadonlySet<number>
  /** The metrics it is computed for (all when absent): lets it skip what none of them reads. */
  for?: readonly string[]
  by: readonly Dimension[]
  filters: Partial<Record<Dimension, string[]>>
  asOf: string
  /** The day of the latest logged deal change (see dealsAsOf): later than as-of means the log is read. */
  lastChange?: string | null
  baseCurrency: string
  /** The forecast read is the latest made before this date, not before each period began. */
  forecastMadeBefore?: string
  /**
   * Its `repMeasures` per period and rep, when the batch's scans computed them (absent: it
   * reads them itself, as a drill-down does).
   */
  repValues?: ReadonlyMap<Measure, PeriodGroupMap<number> | undefined>
}

/** One result of a nested input: a period index, a group, and its named values. */
export interface NestedRow {
  idx: number
  group: GroupValues
  values: Record<string, number | null>
  /** Sort position within the period (pipeline stage order). */
  order?: number
}

/** Records behind a nested count, for the drill-down. */
export interface NestedRecords {
  columns: RecordColumn[]
  rows: Record<string, unknown>[]
}

/**
 * An input that is not a plain count/sum/mean over one fact view: it is computed per rep,
 * per customer or per stage first, then aggregated per group (customer snapshots, quota
 * attainment, the forecast made before a period, the stage funnel, selling time).
 */
export interface NestedInput {
  dims: readonly Dimension[]
  /** Tighter limits than `dims` alone: how many dims at once, and filters only on the grouped one. */
  limits?: { maxDims: number; filtersOnGroupingOnly: boolean }
  /** Extra group keys of its rows beyond the query's dims (the funnel's pipeline and stage). */
  rowKeys?: readonly string[]
  run(input: NestedRunInput): Promise<NestedRow[]>
  /**
   * The records one of its values counts (a value listed in nestedValues' `records`), for
   * the first planned period and the given group: exactly as many as the count.
   */
  records?(input: NestedRunInput, value: string, group: GroupValues): Promise<NestedRecords>
  /**
   * Values that are a plain measure's sum over one rep's records (a rep's won revenue): their
   * records are that measure's rows, listed like any measure's by the drill-down.
   */
  recordMeasures?: Partial<Record<string, Measure>>
  /**
   * Plain measures it reads per period and rep alone (quota attainment's won revenue): the
   * batch computes them in the scan of their window (see CompileInput.repSet).
   */
  repMeasures?: Partial<Record<string, Measure>>
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v)

/**
 * Measures compiled per rep first (quota attainment, selling time): the query's grouping
 * with rep in front, and the rest of the compile input.
 */
export function perRepInput(input: NestedRunInput) {
  const perRepBy: Dimension[] = ['rep', ...input.by.filter((d) => d !== 'rep')]
  return {
    perRepBy,
    common: {
      dialect: input.store.dialect,
      periods: input.periods,
      only: input.only,
      by: perRepBy,
      filters: input.filters,
      asOf: input.asOf,
      baseCurrency: input.baseCurrency,
      // Deals as of the as-of date through the change log, like every other measure.
      lastChange: input.lastChange ?? null,
    },
  }
}

import type { Store } from '../../store/store.js'
import type { PlannedPeriod } from '../compile-sql.js'
import type { Dimension } from '../metric-schema.js'

export interface SpecialInput {
  store: Store
  periods: PlannedPeriod[]
  /** The indexes of `periods` the metrics need this input for. */
  only: ReadonlySet<number>
  /** The metrics it is computed for (all when absent): lets it skip what none of them reads. */
  for?: readonly string[]
  by: Dimension[]
  filters: Partial<Record<Dimension, string[]>>
  asOf: string
  baseCurrency: string
}

/** One result of a special input: a period index, a group, and named values. */
export interface SpecialRow {
  idx: number
  group: Record<string, string | null>
  values: Record<string, number | null>
  /** Sort position within the period (pipeline stage order). */
  order?: number
}

/**
 * Inputs that are not a plain count/sum/mean over one entity: customer snapshots,
 * quota attainment per rep, the forecast made before a period, the stage funnel.
 */
export type ColumnKind = 'text' | 'date' | 'number' | 'money'

/** Records behind a special count, for the drill-down. */
export interface SpecialRecords {
  columns: { name: string; type: ColumnKind }[]
  rows: Record<string, unknown>[]
}

export interface Special {
  dims: readonly Dimension[]
  /** Tighter limits than `dims` alone: how many dims at once, and filters only on the grouped one. */
  limits?: { maxDims: number; filtersOnGroupingOnly: boolean }
  run(input: SpecialInput): Promise<SpecialRow[]>
  /**
   * The records one of its counts is made of (`kind`, e.g. 'lost' customers), for the
   * first planned period and the given group: exactly as many as the count.
   */
  records?(
    input: SpecialInput,
    kind: string,
    group: Record<string, string | null>,
  ): Promise<SpecialRecords>
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v)

/**
 * Measures compiled per rep first (the nested metrics: quota attainment, selling time):
 * the query's grouping with rep in front, and the rest of the compile input.
 */
export function perRepInput(input: SpecialInput) {
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
    },
  }
}

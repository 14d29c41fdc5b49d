import type { Store } from '../store/store.js'
import { measureColumn, periodColumn, readGroup, repOfSetColumn, repSetColumn } from './columns.js'
import { compileMeasures, measureGroupKey, needsRepSet, repSetFits } from './compile-sql.js'
import { PeriodGroupMap } from './group-values.js'
import type { DealDays } from './fact-views/deal-days.js'
import type { Dimension, Measure } from './metric-schema.js'
import type { PlannedPeriod } from './plan.js'
import type { MeasureValue } from './shapes.js'

/** Every distinct measure of a batch once, under a key of its own (m0, m1...). */
export class MeasureKeys {
  private readonly keys = new Map<string, { key: string; measure: Measure }>()

  keyOf(m: Measure): string {
    const id = JSON.stringify(m)
    let entry = this.keys.get(id)
    if (!entry) this.keys.set(id, (entry = { key: `m${this.keys.size}`, measure: m }))
    return entry.key
  }

  all(): { key: string; measure: Measure }[] {
    return [...this.keys.values()]
  }
}

export interface MeasureRun {
  store: Store
  periods: readonly PlannedPeriod[]
  by: readonly Dimension[]
  filters: Partial<Record<Dimension, string[]>>
  asOf: string
  /** The day of the latest logged deal change (see dealsAsOf): later than as-of means the log is read. */
  lastChange?: string | null
  baseCurrency: string
  /** Present while the deals per day are current (see CompileInput.dealDays). */
  dealDays?: DealDays | undefined
  /** Stops the run between statements (the client went away). */
  signal?: AbortSignal
}

/** What runMeasures read: each measure per period and group, and some per period and rep alone. */
export interface MeasureResults {
  values: Map<string, PeriodGroupMap<MeasureValue>>
  /** The measures asked per rep (`perRep`), per period and rep: the value alone. */
  perRep: Map<string, PeriodGroupMap<number>>
}

/**
 * Runs the measures: one query per fact view and window (they share its scan), and reads
 * each measure's aggregates per period and group. Measures also wanted per rep alone
 * (`perRep`: keys of `measures`) are grouped by rep in the same scan.
 */
export async function runMeasures(
  run: MeasureRun,
  measures: { key: string; measure: Measure }[],
  perRep: ReadonlySet<string> = new Set(),
): Promise<MeasureResults> {
  const scans = new Map<string, { key: string; measure: Measure }[]>()
  for (const m of measures) {
    const k = measureGroupKey(m.measure)
    scans.set(k, [...(scans.get(k) ?? []), m])
  }
  const result = new Map(measures.map((m) => [m.key, new PeriodGroupMap<MeasureValue>(run.by)]))
  const repResult = new Map([...perRep].map((k) => [k, new PeriodGroupMap<number>(['rep'])]))
  for (const scan of scans.values()) {
    run.signal?.throwIfAborted()
    // A scan whose measures do not add up over reps leaves its per-rep values to their
    // reader (absent from the result: quota attainment then reads its revenue itself).
    const fits = repSetFits(scan)
    const repKeys = fits ? scan.filter((m) => perRep.has(m.key)).map((m) => m.key) : []
    if (!fits) for (const m of scan) repResult.delete(m.key)
    const repSet = repKeys.length > 0 && needsRepSet(run.by)
    const compiled = compileMeasures({
      dialect: run.store.dialect,
      source: (scan[0] as { measure: Measure }).measure.source,
      measures: scan,
      periods: run.periods,
      by: run.by,
      filters: run.filters,
      asOf: run.asOf,
      baseCurrency: run.baseCurrency,
      lastChange: run.lastChange ?? null,
      repSet,
      ...(run.dealDays ? { dealDays: run.dealDays } : {}),
    })
    for (const row of await run.store.query(compiled.sql, compiled.params)) {
      const idx = Number(row[periodColumn])
      const group = readGroup(row, run.by)
      const read = (key: string, part: Parameters<typeof measureColumn>[1]) =>
        Number(row[measureColumn(key, part)] ?? 0)
      // Grouped by rep alone, the query's rows are the per-rep ones too.
      const repRow = repSet ? Number(row[repSetColumn]) === 1 : repKeys.length > 0
      if (repRow) {
        const rep = (repSet && !run.by.includes('rep') ? row[repOfSetColumn] : group.rep) ?? null
        for (const key of repKeys)
          repResult.get(key)?.set(idx, { rep: rep as string | null }, read(key, 'value'))
        if (repSet) continue
      }
      for (const { key, measure } of scan) {
        const excluded = read(key, 'excluded')
        const sum = read(key, measure.agg === 'mean' ? 'sum' : 'value')
        const count = measure.agg === 'mean' ? read(key, 'count') : 0
        const value = measure.agg === 'mean' ? (count ? sum / count : 0) : sum
        result.get(key)?.set(idx, group, { value, sum, count, excluded })
      }
    }
  }
  return { values: result, perRep: repResult }
}

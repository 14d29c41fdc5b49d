import type { ResultRow } from '../contracts/result-row.js'
import type { Settings } from '../store/settings.js'
import { getMetric } from './catalog.js'
import { evaluateShape } from './evaluate-shape.js'
import { compareGroups, PeriodGroupMap, type GroupValues } from './group-values.js'
import type { Dimension, MetricDefinition } from './metric-schema.js'
import type { NestedRow } from './nested/nested-input.js'
import type { NestedName } from './nested/values.js'
import { daysInclusive } from './periods.js'
import { elapsedShare, isPartial, monthsIn, type Plan, type PlannedPeriod } from './plan.js'
import type { ParsedQuery } from './query-schema.js'
import type { EvalContext, MeasureValue, MetricValue } from './shapes.js'
import { unsupportedBecause } from './slicing.js'

/** What a batch computed: measure values by measure key, nested rows by input. */
export interface Computed {
  /** Each metric's first date of data (see data-from.ts). */
  firstDates: Map<string, string | null>
  measures: Map<string, PeriodGroupMap<MeasureValue>>
  keyOf: (name: string, metric: MetricDefinition) => string
  nested: Map<NestedName, PeriodGroupMap<NestedRow>>
  settings: Settings
  by: readonly Dimension[]
}

const emptyMeasure: MeasureValue = { value: 0, sum: 0, count: 0, excluded: 0 }

/** One query's rows: each metric per bucket and group, with its comparison where asked. */
export function evaluateQuery(query: ParsedQuery, plan: Plan, c: Computed): ResultRow[] {
  const rows: ResultRow[] = []
  const filterDims = Object.keys(query.filters) as Dimension[]
  for (const metric of query.metrics.map(getMetric)) {
    const unsupported = unsupportedBecause(metric, c.by, filterDims)
    for (const idx of plan.buckets) {
      const period = plan.periods[idx] as PlannedPeriod
      const compareIdx = plan.compareOf.get(idx)
      const compared =
        compareIdx === undefined ? undefined : (plan.periods[compareIdx] as PlannedPeriod)
      const finish = (row: ResultRow, group: GroupValues): ResultRow => {
        const withCompare = (r: ResultRow): ResultRow => {
          if (compareIdx === undefined || compared === undefined) return r
          const before =
            unsupported || period.status === 'future'
              ? null
              : evaluate(metric, plan, c, compareIdx, group)
          const previous = before?.value ?? null
          const change = previous === null || r.value === null ? null : r.value - previous
          const cut = isPartial(compared) && period.status === 'running'
          return {
            ...r,
            previous,
            change,
            ...(before?.numerator != null ? { previous_numerator: before.numerator } : {}),
            ...(before?.denominator != null ? { previous_denominator: before.denominator } : {}),
            ...(cut ? { previous_through: compared.knownEnd } : {}),
          }
        }
        return withCompare(dataFrom(running(metric, period, row)))
      }
      // The earliest day the row's value reads: its period's start, or the period before's.
      const before = metric.needsPrevious ? plan.previousOf.get(idx) : undefined
      const reads =
        before === undefined ? period.start : (plan.periods[before] as PlannedPeriod).start
      const first = c.firstDates.get(metric.id)
      const dataFrom = (row: ResultRow): ResultRow =>
        first && first > reads && row.reason !== 'not_started' ? { ...row, data_from: first } : row
      const noGroup = Object.fromEntries(c.by.map((d) => [d, null]))
      const reason = unsupported ?? (period.status === 'future' ? 'not_started' : null)
      if (reason) {
        rows.push(finish(toRow(metric, period, noGroup, { value: null, reason }), noGroup))
        continue
      }
      const groups = groupsOf(metric, plan, c, idx)
      if (groups.length === 0) {
        // Nothing to split (no stage definitions, or no data at all in the period): say so
        // rather than return nothing.
        const empty = metric.perStage ? 'no_stage_data' : 'no_data'
        const row = dataFrom(
          running(metric, period, toRow(metric, period, noGroup, { value: null, reason: empty })),
        )
        rows.push(compareIdx === undefined ? row : { ...row, previous: null, change: null })
        continue
      }
      for (const group of groups)
        rows.push(
          finish(toRow(metric, period, group, evaluate(metric, plan, c, idx, group)), group),
        )
    }
  }
  return rows
}

/** A running period's row says so, with the day it runs to and, for what builds up, the pace. */
function running(metric: MetricDefinition, period: PlannedPeriod, row: ResultRow): ResultRow {
  if (period.status !== 'running') return row
  return {
    ...row,
    running: true,
    through: period.knownEnd,
    ...(metric.accumulates ? { pace: elapsedShare(period) } : {}),
  }
}

/** The groups with any data in the period: one empty group when ungrouped; stages in order for stage metrics. */
function groupsOf(metric: MetricDefinition, plan: Plan, c: Computed, idx: number): GroupValues[] {
  if (metric.perStage) {
    const funnel = [...(c.nested.get('funnel')?.all() ?? [])].filter((r) => r.idx === idx)
    return funnel.map((r) => r.group)
  }
  if (c.by.length === 0) return [{}]
  // A group with data in the period, in its comparison period or in the period before
  // (growth) has a row: a rep who sold nothing this quarter still shows, at 0.
  const periods = new Set([idx, plan.compareOf.get(idx)])
  if (metric.needsPrevious) periods.add(plan.previousOf.get(idx))
  const seen = new PeriodGroupMap<GroupValues>(c.by)
  const maps = [
    ...Object.keys(metric.measures).map((name) => c.measures.get(c.keyOf(name, metric))),
    ...metric.nested.map((name) => c.nested.get(name)),
  ]
  for (const map of maps)
    for (const e of map?.all() ?? []) if (periods.has(e.idx)) seen.set(0, e.group, e.group)
  return [...seen.all()].map((e) => e.value).sort((a, b) => compareGroups(a, b, c.by))
}

function evaluate(
  metric: MetricDefinition,
  plan: Plan,
  c: Computed,
  idx: number,
  group: GroupValues,
): MetricValue {
  const period = plan.periods[idx] as PlannedPeriod
  const at = (shift: 0 | -1) => {
    const i = shift === 0 ? idx : plan.previousOf.get(idx)
    if (i === undefined) throw new Error(`${metric.id}: no period before ${period.start}`)
    return i
  }
  const ctx: EvalContext = {
    m: (name, shift = 0) =>
      c.measures.get(c.keyOf(name, metric))?.get(at(shift), group) ?? emptyMeasure,
    nested: (name, shift = 0) => c.nested.get(name)?.get(at(shift), group)?.values ?? {},
    days: daysInclusive(period),
    months: monthsIn(period),
    partial: isPartial(period),
    settings: c.settings,
    groupedBy: c.by,
  }
  return evaluateShape(metric, ctx)
}

function toRow(
  metric: MetricDefinition,
  period: PlannedPeriod,
  group: GroupValues,
  r: MetricValue,
): ResultRow {
  const finite = (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v) ? null : v
  const value = finite(r.value)
  return {
    metric: metric.id,
    period_start: period.start,
    period_end: period.end,
    group: { ...group },
    value,
    numerator: finite(r.numerator),
    denominator: finite(r.denominator),
    unit: metric.unit,
    excluded: r.excluded ?? 0,
    ...(r.excluded && metric.excludes ? { excluded_reason: metric.excludes.reason } : {}),
    ...(value === null ? { reason: r.reason ?? 'no_data' } : {}),
  }
}

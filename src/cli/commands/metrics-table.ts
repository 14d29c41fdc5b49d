import type { ResultRow } from '../../contracts/result-row.js'
import { getMetric } from '../../metrics/catalog.js'
import { formulaLine, makeFormatter } from '../../format/number-format.js'
import { goalProgress, type GoalStatus } from '../../format/goal-progress.js'
import { reasonText } from '../../format/reason-words.js'
import { fitsWhole, fitText, renderTable, type TableColumn } from '../table.js'

export interface MetricsTableOptions {
  /** The comparison asked for (fills Previous and Change). */
  compare?: 'previous' | 'year_ago'
  /** A formula per row, with its numbers. */
  explain?: boolean
  currency: string
  /** The terminal's columns; undefined: whole lines. */
  width?: number
}

const periodOf = (r: ResultRow) =>
  r.period_start === r.period_end ? r.period_start : `${r.period_start} – ${r.period_end}`
const runningOf = (r: ResultRow) => (r.running ? ` (running, to ${r.through})` : '')
/** "rep=r-01 team=North", or "all" for the whole company. */
export const groupLabel = (group: Record<string, string | null>): string => {
  const parts = Object.entries(group).map(([k, v]) => `${k}=${v ?? '(none)'}`)
  return parts.length ? parts.join(' ') : 'all'
}
/** The one value every row has, or undefined when they differ. */
function shared<T>(rows: readonly ResultRow[], f: (r: ResultRow) => T): T | undefined {
  const values = new Set(rows.map(f))
  return values.size === 1 ? (values.values().next().value as T) : undefined
}
const percent = (v: number) => `${Math.round(v * 100)}%`

/**
 * The result rows as a table that fits the terminal: the period said once above it when
 * every row has the same one, a column per grouping dimension, value and notes (why a value
 * is missing, in words; records left out; where the data starts; target and pace) apart.
 * Formulas (--explain) are a column when the table fits whole, else listed under it.
 */
export function metricsTable(rows: readonly ResultRow[], options: MetricsTableOptions): string {
  const fmt = makeFormatter('en', options.currency)
  const lines: string[] = []
  const onePeriod = rows.length > 0 && shared(rows, (r) => periodOf(r) + runningOf(r))
  if (onePeriod) lines.push(`Period: ${onePeriod}`)
  const previousThrough = shared(rows, (r) => r.previous_through)
  if (options.compare) {
    const before = options.compare === 'previous' ? 'the period before' : 'a year before'
    const to = previousThrough ? `, to ${previousThrough} (as far into it as this one has run)` : ''
    lines.push(`Compared with ${before}${to}`)
  }

  // A column per grouping dimension (stages add pipeline and stage): a row not split by one
  // leaves it empty, as does a metric that cannot be split this way.
  const dims = [...new Set(rows.flatMap((r) => Object.keys(r.group)))]
  const groupColumns: TableColumn[] = dims.map((d) => ({ head: d, wrap: true, breakWords: false }))
  const groupCells = (r: ResultRow) =>
    dims.map((d) =>
      r.reason === 'unsupported_grouping' || !(d in r.group) ? '' : (r.group[d] ?? '(none)'),
    )

  const notes = rows.map((r) =>
    [
      // Comparisons that stopped on different days (rows of several periods) say so per row.
      ...(r.previous_through && !previousThrough ? [`previous to ${r.previous_through}`] : []),
      notesOf(r, options.explain === true),
    ]
      .filter(Boolean)
      .join('; '),
  )
  const withTarget = rows.some((r) => r.target !== undefined)
  const withNotes = notes.some((n) => n !== '')
  const columns: TableColumn[] = [
    { head: 'Metric', wrap: true, breakWords: false },
    ...(onePeriod ? [] : [{ head: 'Period', wrap: true, breakWords: false }]),
    ...groupColumns,
    { head: 'Value', align: 'right' },
    ...(options.compare
      ? [
          { head: 'Previous', align: 'right' as const },
          { head: 'Change', align: 'right' as const },
        ]
      : []),
    ...(withTarget ? [{ head: 'Target', align: 'right' as const }] : []),
    ...(withNotes ? [{ head: 'Notes', wrap: true }] : []),
  ]
  const cells = rows.map((r, i) => {
    const previous =
      r.previous === null || r.previous === undefined ? 'n/a' : fmt.value(r.previous, r.unit)
    return [
      getMetric(r.metric).names.en,
      ...(onePeriod ? [] : [periodOf(r) + runningOf(r)]),
      ...groupCells(r),
      r.value === null ? 'n/a' : fmt.value(r.value, r.unit),
      ...(options.compare
        ? [
            previous,
            r.change === null || r.change === undefined ? '' : fmt.change(r.change, r.unit),
          ]
        : []),
      ...(withTarget ? [r.target === undefined ? '' : fmt.value(r.target, r.unit)] : []),
      ...(withNotes ? [notes[i] ?? ''] : []),
    ]
  })
  const formulas = options.explain
    ? rows.map((r) => {
        const m = getMetric(r.metric)
        return formulaLine(m.names.en, m.formulaFor(Object.keys(r.group)).en, r, fmt)
      })
    : []
  const formulaColumn: TableColumn = { head: 'Formula', wrap: true }
  const asColumn = [...cells.map((c, i) => [...c, formulas[i] ?? ''])]
  if (!options.explain || fitsWhole([...columns, formulaColumn], asColumn, options.width)) {
    const all = options.explain ? [...columns, formulaColumn] : columns
    const body = options.explain ? asColumn : cells
    return [
      ...lines.map((l) => fitText(l, options.width, '  ')),
      renderTable(all, body, options.width),
    ].join('\n')
  }
  // Too wide with the formulas beside: they go under the table, each said for its row.
  const labels = rows.map((r) =>
    [
      ...(onePeriod ? [] : [periodOf(r)]),
      ...(Object.keys(r.group).length ? [groupLabel(r.group)] : []),
    ].join(', '),
  )
  return [
    ...lines.map((l) => fitText(l, options.width, '  ')),
    renderTable(columns, cells, options.width),
    '',
    'Formulas:',
    ...formulas.map((f, i) =>
      fitText(`${labels[i] ? `${labels[i]}: ` : ''}${f}`, options.width, '    '),
    ),
  ].join('\n')
}

/** Why the value is missing, what was left out, where the data starts, how the target stands. */
function notesOf(r: ResultRow, explain: boolean): string {
  const notes: string[] = []
  if (r.value === null && r.reason) notes.push(reasonText(r.reason))
  if (r.excluded) {
    // The metric's own words with --explain ("won deals without an amount (empty in the
    // export)"), else the short words of the code.
    const m = getMetric(r.metric)
    const what =
      explain && m.excludes ? m.excludes.en : r.excluded_reason && reasonText(r.excluded_reason)
    notes.push(`${r.excluded} excluded${what ? `: ${what}` : ''}`)
  }
  if (r.data_from) notes.push(`data from ${r.data_from}`)
  if (r.target !== undefined) {
    const goal = goalOf(r)
    if (goal) notes.push(goal)
  }
  return notes.join('; ')
}

const verdicts: Record<GoalStatus, string> = {
  met: 'target met',
  on_pace: 'on pace',
  behind: 'behind',
  missed: 'target missed',
}

/**
 * How the row stands against its target, by the rule the dashboard follows
 * (src/format/goal-progress.ts): what builds up over a running period against the share
 * expected by now, a rate against the target itself.
 */
function goalOf(r: ResultRow): string | undefined {
  const metric = getMetric(r.metric)
  const p = goalProgress(
    { value: r.value, goal: r.target ?? 0, pace: r.pace, running: r.running },
    metric,
  )
  if (p.status === null) return undefined
  const share = p.share === null ? '' : `${percent(p.share)} of target`
  if (p.status === 'behind' && !metric.accumulates) return 'below target so far'
  if ((p.status === 'behind' || p.status === 'on_pace') && share)
    return `${verdicts[p.status]}: ${share}, ${percent(p.expected)} expected by now`
  return share && p.status !== 'met' ? `${verdicts[p.status]} (${share})` : verdicts[p.status]
}

import type { ResultRow } from '../contracts/result-row.js'
import type { Store } from '../store/store.js'
import type { Dimension, MetricDefinition } from './metric-schema.js'
import { daysInclusive } from './periods.js'

/** Targets by metric, exact period and scope ('company', 'rep:<id>' or 'team:<name>'). */
export class Targets {
  private constructor(private readonly values: Map<string, number>) {}

  private static key(metric: string, start: string, end: string, scope: string): string {
    return [metric, start, end, scope].join('\u0001')
  }

  /** The targets of these metrics; none when grouped by anything but one rep or team dimension. */
  static async read(
    store: Store,
    metrics: readonly MetricDefinition[],
    by: readonly Dimension[],
  ): Promise<Targets> {
    const values = new Map<string, number>()
    const scoped = by.length === 0 || (by.length === 1 && (by[0] === 'rep' || by[0] === 'team'))
    if (metrics.length > 0 && scoped) {
      const rows = await store.query(
        `SELECT metric, CAST(period_start AS VARCHAR) AS period_start, CAST(period_end AS VARCHAR) AS period_end, scope, value
           FROM targets WHERE metric IN (${metrics.map((_, i) => store.dialect.placeholder(i + 1)).join(', ')})`,
        metrics.map((m) => m.id),
      )
      for (const r of rows) {
        const key = Targets.key(
          String(r.metric),
          String(r.period_start),
          String(r.period_end),
          String(r.scope),
        )
        values.set(key, Number(r.value))
      }
    }
    return new Targets(values)
  }

  /**
   * The row with the target set for its metric, period and scope (company, or its rep or
   * team); on a running period with the pace too, the share of the period gone.
   */
  apply(row: ResultRow, filters: Partial<Record<Dimension, string[]>> = {}): ResultRow {
    const scope = targetScope(row.group, filters)
    if (scope === null) return row
    const target = this.values.get(Targets.key(row.metric, row.period_start, row.period_end, scope))
    if (target === undefined) return row
    if (!row.running || !row.through || row.pace !== undefined) return { ...row, target }
    const pace =
      daysInclusive({ start: row.period_start, end: row.through }) /
      daysInclusive({ start: row.period_start, end: row.period_end })
    return { ...row, target, pace }
  }
}

/**
 * The target scope a row stands for. An ungrouped row is the company only when no rep or
 * team filter narrows it: filtered to one rep (or one team) it is that rep's (team's) row;
 * to several, no target fits. A team's row narrowed by a rep filter is not the team's.
 */
function targetScope(
  group: ResultRow['group'],
  filters: Partial<Record<Dimension, string[]>>,
): string | null {
  const [dim] = Object.keys(group)
  const { rep, team } = filters
  if (dim === undefined) {
    if (!rep && !team) return 'company'
    if (rep && !team) return rep.length === 1 ? `rep:${rep[0]}` : null
    if (team && !rep) return team.length === 1 ? `team:${team[0]}` : null
    return null
  }
  if (dim === 'team' && rep) return null
  return `${dim}:${group[dim] ?? ''}`
}

import type { MetricInfo, ResultRow } from '../api/types.js'
import { goalProgress } from '../../../src/format/goal-progress.js'
import { useAppData } from '../app/app-data.js'
import { useLocation } from '../app/router.js'
import { pageHref, scorecardPath } from '../app/url.js'
import { useI18n } from '../i18n/i18n.js'
import { DrillValue } from './DrillValue.js'
import { GoalMeter } from './GoalMeter.js'
import { Link } from './Link.js'
import { ScrollArea } from './ScrollArea.js'
import { EmptyState } from './States.js'

/**
 * The leaderboard's columns, by rep. Productivity is not one: per rep it is the rep's revenue
 * again. Open pipeline is coverage's numerator, shown in a column of its own.
 */
export const leaderboardColumns = [
  'total_revenue',
  'quota_attainment_rate',
  'pipeline_coverage',
  'win_rate',
  'sales_cycle_length',
  'time_spent_selling',
  'activities_logged',
] as const

/** Columns shown only where the data has them (no activities logged: no activity column). */
const optional = new Set<string>(['activities_logged'])

/** Asked too, not shown: it has a row for every rep active in the period, deals or not. */
export const leaderboardMetrics = [...leaderboardColumns, 'rep_productivity'] as const

/** Sort keys that are not a metric's value. */
const OPEN_PIPELINE = 'open_pipeline'

/**
 * Reps with revenue, quota attainment (bar with the 100% mark, the pace expected by now and
 * the verdict), open pipeline and its coverage, win rate, cycle, time selling and activities
 * where any are logged. `teams`:
 * the teams each rep sold for in the period (two after a move), from revenue by rep and team.
 */
export function Leaderboard(props: { rows: ResultRow[]; teams?: ResultRow[] }) {
  const { t, fmt, metricName } = useI18n()
  const { metric, label } = useAppData()
  const { params, update } = useLocation()
  const columns = leaderboardColumns
    .map((id) => metric(id))
    .filter((m) => m !== undefined)
    .filter(
      (m) =>
        !optional.has(m.id) ||
        props.rows.some((r) => r.metric === m.id && r.value !== null && r.value > 0),
    )
  const reps = new Map<string, Map<string, ResultRow>>()
  for (const r of props.rows) {
    const rep = r.group.rep
    if (!rep) continue
    if (!reps.has(rep)) reps.set(rep, new Map())
    reps.get(rep)?.set(r.metric, r)
  }
  const teams = new Map<string, string[]>()
  for (const r of props.teams ?? []) {
    const { rep, team } = r.group
    if (!rep || !team) continue
    teams.set(rep, [...(teams.get(rep) ?? []), team])
  }
  const sortValue = (values: Map<string, ResultRow>, key: string): number | null =>
    key === OPEN_PIPELINE
      ? (values.get('pipeline_coverage')?.numerator ?? null)
      : (values.get(key)?.value ?? null)
  const sort = params.get('sort') ?? 'total_revenue'
  const order = params.get('order') === 'asc' ? 'asc' : 'desc'
  const dir = order === 'asc' ? 1 : -1
  const text = (key: string, rep: string) =>
    key === 'rep' ? label('rep', rep) : (teams.get(rep) ?? []).join(' → ')
  const ordered = [...reps.entries()].sort(([a, ra], [b, rb]) => {
    if (sort === 'rep' || sort === 'team') {
      return dir * text(sort, a).localeCompare(text(sort, b), fmt.locale)
    }
    const va = sortValue(ra, sort)
    const vb = sortValue(rb, sort)
    if (va === null || vb === null) return va === null ? (vb === null ? 0 : 1) : -1
    return dir * (va - vb)
  })
  const header = (key: string, name: string, numeric: boolean) => {
    const active = sort === key
    const next = active && order === 'desc' ? 'asc' : active ? 'desc' : numeric ? 'desc' : 'asc'
    return (
      <th
        key={key}
        scope="col"
        className={numeric ? 'num' : undefined}
        aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() => update({ sort: key, order: next }, { replace: true })}
        >
          {name}
          <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
        </button>
      </th>
    )
  }
  const cell = (m: MetricInfo, rep: string, r: ResultRow | undefined) => (
    <td key={m.id} className="num" data-metric={m.id} data-value={r?.value ?? ''}>
      {m.id === 'quota_attainment_rate' && r?.value != null ? (
        <GoalMeter
          progress={goalProgress({ value: r.value, goal: 1, pace: r.pace, running: r.running }, m)}
          of="quota"
          accumulates
          compact
          testId={`leaderboard-goal-${rep}`}
        />
      ) : null}
      <DrillValue
        metric={m}
        row={r}
        context={`${label('rep', rep)}, ${metricName(m, m.id)}`}
        className="link-button"
      />
    </td>
  )

  return (
    <section className="panel" aria-labelledby="leaderboard-title">
      <div className="panel-head">
        <h2 id="leaderboard-title">{t('team.leaderboard')}</h2>
      </div>
      {ordered.length === 0 ? (
        <EmptyState />
      ) : (
        <ScrollArea label={t('team.leaderboard')}>
          <table className="data-table leaderboard" data-testid="leaderboard">
            <thead>
              <tr>
                {header('rep', t('team.rep'), false)}
                {header('team', t('team.team'), false)}
                {columns.map((m) =>
                  m.id === 'pipeline_coverage'
                    ? [
                        header(OPEN_PIPELINE, t('team.openPipeline'), true),
                        header(m.id, metricName(m, m.id), true),
                      ]
                    : header(m.id, metricName(m, m.id), true),
                )}
              </tr>
            </thead>
            <tbody>
              {ordered.map(([rep, values]) => {
                // Active in the period (productivity has a row) with nothing else to show.
                const empty = columns.every((m) => {
                  const v = values.get(m.id)?.value
                  const none = m.id === 'total_revenue' || m.id === 'activities_logged'
                  return v === null || v === undefined || (none && v === 0)
                })
                const coverage = values.get('pipeline_coverage')
                return (
                  <tr
                    key={rep}
                    data-testid={`leaderboard-row-${rep}`}
                    className={empty ? 'row-empty' : undefined}
                  >
                    <th scope="row">
                      <Link href={pageHref(scorecardPath(rep), params)}>{label('rep', rep)}</Link>
                      {empty ? (
                        <span className="row-note" data-testid={`leaderboard-empty-${rep}`}>
                          {t('team.noActivity')}
                        </span>
                      ) : null}
                    </th>
                    <td data-testid={`leaderboard-team-${rep}`}>{text('team', rep) || '—'}</td>
                    {columns.map((m) =>
                      m.id === 'pipeline_coverage'
                        ? [
                            <td
                              key={OPEN_PIPELINE}
                              className="num"
                              data-value={coverage?.numerator ?? ''}
                            >
                              {fmt.value(coverage?.numerator ?? null, 'currency')}
                            </td>,
                            cell(m, rep, coverage),
                          ]
                        : cell(m, rep, values.get(m.id)),
                    )}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </section>
  )
}

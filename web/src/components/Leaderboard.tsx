import type { ResultRow } from '../api/types.js'
import { useAppData } from '../app/app-data.js'
import { useLocation } from '../app/router.js'
import { pageHref, scorecardPath } from '../app/url.js'
import { useI18n } from '../i18n/i18n.js'
import { Link } from './Link.js'
import { ScrollArea } from './ScrollArea.js'
import { EmptyState } from './States.js'
import { DrillValue } from './DrillValue.js'

export const leaderboardMetrics = [
  'total_revenue',
  'quota_attainment_rate',
  'win_rate',
  'sales_cycle_length',
  'rep_productivity',
  'time_spent_selling',
] as const

/** Reps by revenue, quota attainment (with a bar), win rate, cycle, productivity, time selling. */
export function Leaderboard(props: { rows: ResultRow[] }) {
  const { t, fmt, metricName } = useI18n()
  const { metric, label } = useAppData()
  const { params, update } = useLocation()
  const columns = leaderboardMetrics.map((id) => metric(id)).filter((m) => m !== undefined)
  const reps = new Map<string, Map<string, ResultRow>>()
  for (const r of props.rows) {
    const rep = r.group.rep
    if (!rep) continue
    if (!reps.has(rep)) reps.set(rep, new Map())
    reps.get(rep)?.set(r.metric, r)
  }
  const sort = params.get('sort') ?? 'total_revenue'
  const order = params.get('order') === 'asc' ? 'asc' : 'desc'
  const dir = order === 'asc' ? 1 : -1
  const ordered = [...reps.entries()].sort(([a, ra], [b, rb]) => {
    if (sort === 'rep') return dir * label('rep', a).localeCompare(label('rep', b), fmt.locale)
    const va = ra.get(sort)?.value ?? null
    const vb = rb.get(sort)?.value ?? null
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
                {columns.map((m) => header(m.id, metricName(m, m.id), true))}
              </tr>
            </thead>
            <tbody>
              {ordered.map(([rep, values]) => (
                <tr key={rep} data-testid={`leaderboard-row-${rep}`}>
                  <th scope="row">
                    <Link href={pageHref(scorecardPath(rep), params)}>{label('rep', rep)}</Link>
                  </th>
                  {columns.map((m) => {
                    const r = values.get(m.id)
                    return (
                      <td key={m.id} className="num" data-value={r?.value ?? ''}>
                        {m.id === 'quota_attainment_rate' && r?.value != null ? (
                          <span className="attainment-bar" aria-hidden="true">
                            <span
                              className={r.value >= 1 ? 'met' : undefined}
                              style={{ width: `${Math.min(r.value, 1) * 100}%` }}
                            />
                          </span>
                        ) : null}
                        <DrillValue
                          metric={m}
                          row={r}
                          context={`${label('rep', rep)}, ${metricName(m, m.id)}`}
                          className="link-button"
                        />
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </section>
  )
}

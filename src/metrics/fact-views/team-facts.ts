import { dimSelect, factRepDims, onColumn, rangeSql, repJoins, type FactView } from './fact-view.js'

/** Logged activities as of as_of, in hours, with whether each was selling time. */
export const activities: FactView = {
  dims: factRepDims,
  money: false,
  records: [
    { name: 'id', type: 'text' },
    { name: 'rep_id', type: 'text' },
    { name: 'type', type: 'text' },
    { name: 'started_on', type: 'date' },
    { name: 'hours', type: 'number' },
  ],
  sql(ctx) {
    const asOf = ctx.params.date(ctx.asOf)
    // Without an explicit flag, talking to buyers is selling; admin, internal work, training and travel are not.
    const day = onColumn('CAST(o.started_at AS DATE)')
    return `SELECT o.id, o.rep_id, o.type, ${day.sql} AS started_on, o.duration_minutes / 60.0 AS hours,
          COALESCE(o.selling, LOWER(o.type) NOT IN ('admin', 'internal', 'training', 'travel', 'other')) AS selling${dimSelect(ctx, factRepDims, day)}
        FROM activities o ${repJoins(ctx, day)}
        WHERE CAST(o.started_at AS DATE) <= ${asOf}${rangeSql(ctx, { started_on: 'CAST(o.started_at AS DATE)' })}`
  },
}

/** Hours worked per rep and period. */
export const workTime: FactView = {
  dims: factRepDims,
  money: false,
  records: [
    { name: 'rep_id', type: 'text' },
    { name: 'period_start', type: 'date' },
    { name: 'period_end', type: 'date' },
    { name: 'hours', type: 'number' },
  ],
  sql(ctx) {
    const start = onColumn('o.period_start')
    return `SELECT o.rep_id, o.period_start, o.period_end, o.hours${dimSelect(ctx, factRepDims, start)}
        FROM work_time o ${repJoins(ctx, start)}`
  },
}

const repDims = { rep: 'r.id', team: 'r.team' } as const

/**
 * Reps with the span they were active in; grouped or filtered by team, one row per span
 * of their team history (a rep who moved is active in each team for its part).
 */
export const reps: FactView = {
  dims: repDims,
  money: false,
  records: [
    { name: 'id', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'team', type: 'text' },
    { name: 'active_from', type: 'date' },
    { name: 'active_to', type: 'date' },
  ],
  sql(ctx) {
    if (!ctx.dims.has('team'))
      return `SELECT r.id, r.name, r.team, r.active_from, r.active_to${dimSelect(ctx, repDims)} FROM reps r`
    const later = (a: string, b: string) =>
      `CASE WHEN ${b} IS NULL OR ${a} > ${b} THEN ${a} ELSE ${b} END`
    const earlier = (a: string, b: string) =>
      `CASE WHEN ${b} IS NULL OR ${a} < ${b} THEN ${a} ELSE ${b} END`
    return `SELECT r.id, r.name, COALESCE(rt.team, r.team) AS team,
        CASE WHEN rt.rep_id IS NULL THEN r.active_from ELSE ${later('rt.valid_from', 'r.active_from')} END AS active_from,
        CASE WHEN rt.rep_id IS NULL THEN r.active_to
             WHEN rt.valid_to IS NULL THEN r.active_to ELSE ${earlier('rt.valid_to', 'r.active_to')} END AS active_to
        ${dimSelect(ctx, { ...repDims, team: 'COALESCE(rt.team, r.team)' })}
      FROM reps r LEFT JOIN rep_teams rt ON rt.rep_id = r.id`
  },
}

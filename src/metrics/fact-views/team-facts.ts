import { dimSelect, factRepDims, rangeSql, type FactView } from './fact-view.js'

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
    return `SELECT o.id, o.rep_id, o.type, CAST(o.started_at AS DATE) AS started_on, o.duration_minutes / 60.0 AS hours,
          COALESCE(o.selling, LOWER(o.type) NOT IN ('admin', 'internal', 'training', 'travel', 'other')) AS selling${dimSelect(ctx, factRepDims)}
        FROM activities o LEFT JOIN reps r ON r.id = o.rep_id
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
    return `SELECT o.rep_id, o.period_start, o.period_end, o.hours${dimSelect(ctx, factRepDims)}
        FROM work_time o LEFT JOIN reps r ON r.id = o.rep_id`
  },
}

const repDims = { rep: 'r.id', team: 'r.team' } as const

/** Reps with the span they were active in. */
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
    return `SELECT r.id, r.name, r.team, r.active_from, r.active_to${dimSelect(ctx, repDims)} FROM reps r`
  },
}

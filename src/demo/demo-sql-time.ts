import { pick, type Step } from './demo-sql-helpers.js'

/** Everyday activities of a seller; demos are generated per deal instead. */
const activityTypes = [
  ['call', 42],
  ['email', 25],
  ['meeting', 12],
  ['admin', 13],
  ['internal', 8],
] as const

/** Minutes: a base plus up to `spread`, in 5-minute steps. */
const durationBase = `CASE type WHEN 'call' THEN 5 WHEN 'email' THEN 5 WHEN 'meeting' THEN 30 WHEN 'admin' THEN 30 ELSE 30 END`
const durationSpread = `CASE type WHEN 'call' THEN 25 WHEN 'email' THEN 10 WHEN 'meeting' THEN 35 WHEN 'admin' THEN 90 ELSE 40 END`

/**
 * Activities: 4-7 a working day per seller (their volume does not grow with --scale;
 * the team is the same size), plus one demo per deal that got past Discovery, on the
 * owner's calendar about a third of the way into the deal. `selling` is left NULL so the
 * default by type applies (admin and internal are not selling).
 */
export function activitySteps(): Step[] {
  return [
    {
      label: 'activities',
      sql: `INSERT INTO activities
        WITH slots AS (
          SELECT r.id AS rep_id, d.day, k.range AS k, hash(r.id, d.day, k.range) AS key
          FROM demo_reps r
          JOIN demo_days d ON d.day >= r.active_from AND (r.active_to IS NULL OR d.day <= r.active_to)
          CROSS JOIN range(7) k
          WHERE r.team IS NOT NULL AND isodow(d.day) < 6
            AND k.range < 4 + demo_n(hash(r.id, d.day), 'act.count', 4)
        ), typed AS (
          SELECT *, ${pick(`demo_u(key, 'act.type')`, activityTypes)} AS type FROM slots
        )
        SELECT printf('act-%s-%s-%d', rep_id, strftime(day, '%Y%m%d'), k), rep_id, type,
          CAST(day AS TIMESTAMP) + to_minutes(480 + 5 * demo_n(key, 'act.start', 108)),
          ${durationBase} + 5 * demo_n(key, 'act.len', ${durationSpread} // 5 + 1),
          NULL, NULL, NULL
        FROM typed
        UNION ALL
        SELECT 'act-' || o.id || '-demo', o.owner_id, 'demo',
          CAST(o.demo_on AS TIMESTAMP) + to_minutes(540 + 30 * demo_n(o.idx, 'act.demo', 14)),
          45 + 15 * demo_n(o.idx, 'act.demolen', 4), NULL, o.id, o.account_id
        FROM (
          SELECT o.*, CAST(o.created_on + CAST(floor((coalesce(o.closed_on, p.as_of) - o.created_on) / 3) AS INTEGER) AS DATE) AS demo_on
          FROM demo_opp o, demo_params p WHERE o.top >= 2
        ) o
        JOIN demo_reps r ON r.id = o.owner_id
          AND o.demo_on >= r.active_from AND (r.active_to IS NULL OR o.demo_on <= r.active_to)`,
    },
  ]
}

/** Hours worked per seller and month (~160 for a full month), prorated to days active. */
export function workTimeSteps(): Step[] {
  return [
    {
      label: 'work_time',
      sql: `INSERT INTO work_time
        SELECT id, period_start, period_end,
          CAST(round(2 * 168 * (period_end - period_start + 1) / (m_end - m_start + 1)
            * (0.88 + 0.15 * demo_u(hash(id, m_start), 'wt.hours'))) / 2 AS DECIMAL(18,4))
        FROM (
          SELECT r.id, m.m_start, m.m_end, greatest(m.m_start, r.active_from) AS period_start,
            least(m.m_end, coalesce(r.active_to, m.m_end), p.as_of) AS period_end
          FROM demo_reps r CROSS JOIN demo_months m CROSS JOIN demo_params p
          WHERE r.team IS NOT NULL AND m.started
        ) WHERE period_end >= period_start`,
    },
  ]
}

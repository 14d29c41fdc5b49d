import { Params } from '../../store/dialect.js'
import { filterSql, periodsSql } from '../compile-sql.js'
import { sources } from '../sources.js'
import { num, numOrNull, type Special, type SpecialRow } from './special.js'

/**
 * The stage funnel of the opportunities created in a period (a cohort), per pipeline in
 * stage order. A deal reached a stage if it entered it or any later one (skipped stages
 * are back-filled), counting its stage history, its current stage and, when won, the won
 * stage. Time in stage is the mean of (left - entered) over visits that ended.
 */
export const funnel: Special = {
  dims: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  async run(input) {
    const { store, by } = input
    const d = store.dialect
    const params = new Params(d)
    const dims = new Set([...by, ...(Object.keys(input.filters) as (typeof by)[number][])])
    const opp = sources.opportunities.sql({
      dialect: d,
      params,
      asOf: input.asOf,
      baseCurrency: input.baseCurrency,
      dims,
    })
    const asOf = params.date(input.asOf)
    const g = by.map((k) => `k.dim_${k}`)
    const gSelect = g.map((c, i) => `, ${c} AS g${i}`).join('')
    const gGroup = g.map((c) => `, ${c}`).join('')
    const sql = `WITH cohort AS (
        SELECT p.idx, s.* FROM ${periodsSql(input.periods, params)}
        JOIN (${opp}) s ON s.created_on BETWEEN p.period_start AND p.period_end
        WHERE ${filterSql(input.filters, params)}
      ), st AS (SELECT pipeline, stage, position, kind FROM stages WHERE kind <> 'lost'),
      visits AS (
        SELECT c.opportunity_id, c.stage, c.entered_at,
          LEAD(c.entered_at) OVER (PARTITION BY c.opportunity_id ORDER BY c.entered_at) AS left_at
        FROM stage_changes c WHERE CAST(c.entered_at AS DATE) <= ${asOf}
      ), reach AS (
        SELECT k.idx, k.id, k.pipeline${g.map((c, i) => `, ${c} AS g${i}`).join('')}, MAX(x.position) AS max_pos
        FROM cohort k JOIN (
          SELECT v.opportunity_id AS id, st.position, st.pipeline FROM visits v
            JOIN opportunities o ON o.id = v.opportunity_id JOIN st ON st.pipeline = o.pipeline AND st.stage = v.stage
          UNION ALL
          SELECT o.id, st.position, st.pipeline FROM opportunities o JOIN st ON st.pipeline = o.pipeline AND st.stage = o.stage
        ) x ON x.id = k.id
        GROUP BY k.idx, k.id, k.pipeline${gGroup}
      ), won_pos AS (SELECT pipeline, MIN(position) AS position FROM st WHERE kind = 'won' GROUP BY pipeline),
      reach_all AS (
        SELECT k.idx, k.id, k.pipeline${gSelect},
          GREATEST(COALESCE(r.max_pos, -1), CASE WHEN k.status = 'won' THEN COALESCE(w.position, -1) ELSE -1 END) AS max_pos
        FROM cohort k LEFT JOIN reach r ON r.idx = k.idx AND r.id = k.id
        LEFT JOIN won_pos w ON w.pipeline = k.pipeline
      ), time_in AS (
        SELECT k.idx, k.pipeline, v.stage${gSelect},
          SUM(${d.fractionalDaysBetween('v.entered_at', 'v.left_at')}) AS days, COUNT(*) AS visits
        FROM cohort k JOIN visits v ON v.opportunity_id = k.id
        WHERE v.left_at IS NOT NULL
        GROUP BY k.idx, k.pipeline, v.stage${gGroup}
      ), reached AS (
        SELECT r.idx, st.pipeline, st.stage, st.position, st.kind${by.map((_, i) => `, r.g${i}`).join('')},
          COUNT(*) FILTER (WHERE r.max_pos >= st.position) AS reached
        FROM reach_all r JOIN st ON st.pipeline = r.pipeline
        GROUP BY r.idx, st.pipeline, st.stage, st.position, st.kind${by.map((_, i) => `, r.g${i}`).join('')}
      )
      SELECT r.*, t.days, t.visits FROM reached r
      LEFT JOIN time_in t ON t.idx = r.idx AND t.pipeline = r.pipeline AND t.stage = r.stage
        ${by.map((_, i) => `AND t.g${i} IS NOT DISTINCT FROM r.g${i}`).join(' ')}
      ORDER BY r.idx${by.map((_, i) => `, r.g${i}`).join('')}, r.pipeline, r.position`
    const rows = await store.query(sql, params.values)
    const result: SpecialRow[] = []
    rows.forEach((r, i) => {
      const next = rows[i + 1]
      const sameFunnel =
        next !== undefined &&
        next.idx === r.idx &&
        next.pipeline === r.pipeline &&
        by.every((_, j) => next[`g${j}`] === r[`g${j}`])
      result.push({
        idx: Number(r.idx),
        group: {
          ...Object.fromEntries(by.map((k, j) => [k, (r[`g${j}`] as string | null) ?? null])),
          pipeline: String(r.pipeline),
          stage: String(r.stage),
        },
        order: Number(r.position),
        values: {
          reached: num(r.reached),
          next_reached: sameFunnel ? num(next?.reached) : null,
          days_in_stage: numOrNull(r.days),
          visits: num(r.visits),
        },
      })
    })
    return result
  },
}

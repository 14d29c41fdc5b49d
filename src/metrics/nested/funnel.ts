import { Params } from '../../store/dialect.js'
import { dimColumn, groupColumn, periodColumn, readGroup } from '../columns.js'
import { filterSql } from '../compile-sql.js'
import { factViews } from '../fact-views/index.js'
import { periodSpan, periodsSql } from '../plan.js'
import { dimsOf, groupByList, groupMatch, groupSelect } from '../sql-kit.js'
import {
  num,
  numOrNull,
  type NestedInput,
  type NestedRow,
  type NestedRunInput,
} from './nested-input.js'

/**
 * The cohort (opportunities created in each period, with dims and amount), its stage
 * history and each deal's furthest stage (`reach`, max_pos), as WITH clauses.
 */
export function reachSql(input: NestedRunInput, params: Params): { ctes: string; g: string[] } {
  const { store, by } = input
  const d = store.dialect
  const dims = new Set([...by, ...(Object.keys(input.filters) as (typeof by)[number][])])
  const opp = factViews.opportunities.sql({
    dialect: d,
    params,
    asOf: input.asOf,
    baseCurrency: input.baseCurrency,
    dims,
    range: { date: 'created_on', ...periodSpan(input.periods, input.only) },
    date: 'created_on',
    lastChange: input.lastChange,
  })
  const asOf = params.date(input.asOf)
  const g = dimsOf('k', by)
  const gSelect = groupSelect(g)
  // MATERIALIZED (both engines): the cohort and its history are read several times below.
  const ctes = `WITH cohort AS MATERIALIZED (
      SELECT p.idx, s.* FROM ${periodsSql(input.periods, params, input.only)}
      JOIN (${opp}) s ON s.created_on BETWEEN p.period_start AND p.known_end
      WHERE ${filterSql(input.filters, params)}
    ), st AS (SELECT pipeline, stage, position, kind FROM stages WHERE kind <> 'lost'),
    history AS MATERIALIZED (
      SELECT c.opportunity_id, c.stage, c.entered_at, CAST(c.entered_at AS DATE) > ${asOf} AS after_as_of
      FROM stage_changes c WHERE c.opportunity_id IN (SELECT id FROM cohort)
    ), visits AS (
      SELECT c.opportunity_id, c.stage, c.entered_at,
        LEAD(c.entered_at) OVER (PARTITION BY c.opportunity_id ORDER BY c.entered_at) AS left_at
      FROM history c WHERE NOT c.after_as_of
    ), won_at AS (SELECT pipeline, MIN(position) AS position FROM st WHERE kind = 'won' GROUP BY pipeline
    ), reach AS (
      -- The furthest of: a stage in the history up to as-of, the current stage (today's:
      -- as of an earlier date only when no later move shows it is newer) and, when won, the
      -- won stage. One row per deal: no grouping over the whole cohort.
      SELECT k.idx, k.id, k.pipeline, k.amount_base, k.status, k.lost_reason${gSelect},
        GREATEST(COALESCE(h.position, -1),
          CASE WHEN k.id NOT IN (SELECT opportunity_id FROM history WHERE after_as_of) THEN COALESCE(cur.position, -1) ELSE -1 END,
          CASE WHEN k.status = 'won' THEN COALESCE(w.position, -1) ELSE -1 END) AS max_pos
      FROM cohort k
      LEFT JOIN (SELECT k.idx, k.id, MAX(st.position) AS position FROM cohort k
          JOIN visits v ON v.opportunity_id = k.id JOIN st ON st.pipeline = k.pipeline AND st.stage = v.stage
          GROUP BY k.idx, k.id) h ON h.idx = k.idx AND h.id = k.id
      LEFT JOIN st cur ON cur.pipeline = k.pipeline AND cur.stage = k.stage
      LEFT JOIN won_at w ON w.pipeline = k.pipeline
    )`
  return { ctes, g }
}

/**
 * The stage funnel of the opportunities created in a period (a cohort), per pipeline in
 * stage order. A deal reached a stage if it entered it or any later one (skipped stages
 * are back-filled), counting its stage history, its current stage and, when won, the won
 * stage. Time in stage is the mean of (left - entered) over visits that ended. As of a
 * past date only the history up to it counts, and the current stage only when no later
 * stage change shows it was entered after that date.
 */
export const funnel: NestedInput = {
  dims: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  rowKeys: ['pipeline', 'stage'],
  /** Deals of the cohort that reached group.stage ('reached') or the stage after it ('next_reached'). */
  async records(input, kind, group) {
    const params = new Params(input.store.dialect)
    const { ctes } = reachSql(input, params)
    const { stage, pipeline, ...dims } = group
    const dimSql = groupMatch(dims, params, (dim) => `k.${dimColumn(dim)}`)
    // The stage whose reach counts: this one, or the next in pipeline order.
    const position =
      kind === 'next_reached'
        ? `(SELECT MIN(n.position) FROM st n WHERE n.pipeline = t.pipeline AND n.position > t.position)`
        : 't.position'
    const rows = await input.store.query(
      `${ctes}
       SELECT k.id, k.name, k.owner_id, k.account_id, k.stage, k.status, CAST(k.created_on AS VARCHAR) AS created_on,
              CAST(k.closed_on AS VARCHAR) AS closed_on, k.amount_base
         FROM reach r JOIN cohort k ON k.idx = r.idx AND k.id = r.id
         JOIN st t ON t.pipeline = r.pipeline AND t.stage = ${params.add(stage ?? '')}
        WHERE r.pipeline = ${params.add(pipeline ?? 'default')} AND r.max_pos >= ${position}${dimSql}
        ORDER BY k.id`,
      params.values,
    )
    // The deal columns of the opportunities view that a cohort row has.
    const shown = [
      'id',
      'name',
      'owner_id',
      'account_id',
      'stage',
      'status',
      'created_on',
      'closed_on',
      'amount_base',
    ]
    return {
      columns: factViews.opportunities.records.filter((c) => shown.includes(c.name)),
      rows,
    }
  },
  async run(input) {
    const { store, by } = input
    // Without a declared stage there is no funnel: every row joins a stage. Asked first, so
    // such a company's deals are not read for nothing (a cohort of millions at scale).
    const [declared] = await store.query(`SELECT COUNT(*) AS n FROM stages WHERE kind <> 'lost'`)
    if (Number(declared?.n ?? 0) === 0) return []
    const d = store.dialect
    const params = new Params(d)
    const { ctes, g } = reachSql(input, params)
    const gSelect = groupSelect(g)
    const gGroup = groupByList(g)
    const rg = by.map((_, i) => `r.${groupColumn(i)}`)
    const sql = `${ctes}, time_in AS (
        SELECT k.idx, k.pipeline, v.stage${gSelect},
          -- Summed in whole microseconds (exact in any order), then made days.
          SUM(${d.microsecondsBetween('v.entered_at', 'v.left_at')}) / 86400000000.0 AS days, COUNT(*) AS visits
        FROM cohort k JOIN visits v ON v.opportunity_id = k.id
        WHERE v.left_at IS NOT NULL
        GROUP BY k.idx, k.pipeline, v.stage${gGroup}
      ), reached AS (
        SELECT r.idx, st.pipeline, st.stage, st.position, st.kind${groupByList(rg)},
          COUNT(*) FILTER (WHERE r.max_pos >= st.position) AS reached,
          SUM(r.amount_base) FILTER (WHERE r.max_pos >= st.position) AS amount,
          -- Deals whose furthest stage is this one: lost here, or still open in it (as of).
          COUNT(*) FILTER (WHERE r.max_pos = st.position AND r.status = 'lost') AS stopped_lost,
          COUNT(*) FILTER (WHERE r.max_pos = st.position AND r.status = 'open') AS stopped_open
        FROM reach r JOIN st ON st.pipeline = r.pipeline
        GROUP BY r.idx, st.pipeline, st.stage, st.position, st.kind${groupByList(rg)}
      )
      SELECT r.*, t.days, t.visits FROM reached r
      LEFT JOIN time_in t ON t.idx = r.idx AND t.pipeline = r.pipeline AND t.stage = r.stage
        ${by.map((_, i) => `AND t.${groupColumn(i)} IS NOT DISTINCT FROM r.${groupColumn(i)}`).join(' ')}
      ORDER BY r.idx${groupByList(rg)}, r.pipeline, r.position`
    const rows = await store.query(sql, params.values)
    const result: NestedRow[] = []
    rows.forEach((r, i) => {
      const next = rows[i + 1]
      const sameFunnel =
        next !== undefined &&
        next[periodColumn] === r[periodColumn] &&
        next.pipeline === r.pipeline &&
        by.every((_, j) => next[groupColumn(j)] === r[groupColumn(j)])
      result.push({
        idx: Number(r[periodColumn]),
        group: {
          ...readGroup(r, by),
          pipeline: String(r.pipeline),
          stage: String(r.stage),
        },
        order: Number(r.position),
        values: {
          reached: num(r.reached),
          amount: num(r.amount),
          next_reached: sameFunnel ? num(next?.reached) : null,
          days_in_stage: numOrNull(r.days),
          visits: num(r.visits),
          stopped_lost: num(r.stopped_lost),
          stopped_open: num(r.stopped_open),
        },
      })
    })
    return result
  },
}

import type { Store } from '../store/store.js'
import type { FileMapping } from './mapping/file-mapping.js'

/**
 * Team moves seen when reps are re-imported: a rep whose team differs from the stored one
 * moved on the day of this import (the snapshot's observation date, as for stage moves).
 * rep_teams gets the old team up to the day before (from the rep's start, where no history
 * was kept yet) and the new one from that day, so what a team sold before the move stays
 * with it. Returns the number of moves recorded.
 */
export async function recordTeamMoves(
  store: Store,
  mapping: FileMapping,
  view: string,
  validWhere: string,
  observedAt: string,
): Promise<number> {
  if (mapping.entity !== 'reps' || !mapping.columns.has('team')) return 0
  const day = `CAST(CAST($1 AS ${store.dialect.columnType('timestamp')}) AS DATE)`
  const eve = `CAST(${day} - 1 AS DATE)`
  const moved = `SELECT t.id, t.team AS old_team, s.team AS new_team, t.active_from
      FROM ${view} s JOIN reps t ON t.id = s.id
     WHERE (${validWhere}) AND t.team IS DISTINCT FROM s.team`
  const params = [observedAt]
  const [count] = await store.query(`SELECT COUNT(*) AS n FROM (${moved}) m`)
  const n = Number(count?.n ?? 0)
  if (n === 0) return 0
  // No history yet: the old team held from the rep's start (or always) until the eve.
  await store.run(
    `INSERT INTO rep_teams (rep_id, team, valid_from, valid_to)
     SELECT m.id, m.old_team, COALESCE(m.active_from, DATE '1900-01-01'), ${eve} FROM (${moved}) m
      WHERE m.old_team IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rep_teams h WHERE h.rep_id = m.id)
        AND COALESCE(m.active_from, DATE '1900-01-01') <= ${eve}`,
    params,
  )
  // A move seen twice on one day: the later observation wins.
  await store.run(
    `DELETE FROM rep_teams WHERE rep_id IN (SELECT id FROM (${moved}) m) AND valid_from >= ${day}`,
    params,
  )
  await store.run(
    `UPDATE rep_teams SET valid_to = ${eve}
      WHERE rep_id IN (SELECT id FROM (${moved}) m) AND (valid_to IS NULL OR valid_to >= ${day})`,
    params,
  )
  await store.run(
    `INSERT INTO rep_teams (rep_id, team, valid_from, valid_to)
     SELECT m.id, m.new_team, ${day}, NULL FROM (${moved}) m WHERE m.new_team IS NOT NULL`,
    params,
  )
  return n
}

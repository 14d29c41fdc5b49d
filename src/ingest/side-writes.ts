import { MiernikError } from '../errors.js'
import type { Store } from '../store/store.js'
import type { FileMapping } from './mapping/file-mapping.js'

/** What an import wrote besides the entity's own rows. */
export interface SideWrites {
  /** Changes of tracked deal fields logged to opportunity_changes. */
  changesLogged: number
  /** Stage history rows added (HubSpot's stage dates, stage moves between snapshots). */
  stageChanges: number
  /** Stages added for pipelines the database did not know (HubSpot's stage date columns). */
  stages: number
  /** Reps and accounts created for owners and accounts given by name. */
  createdReps: number
  createdAccounts: number
  /** Reps whose team changed since the previous import of reps (recorded in rep_teams). */
  teamMoves: number
}

export const noSideWrites: SideWrites = {
  teamMoves: 0,
  changesLogged: 0,
  stageChanges: 0,
  stages: 0,
  createdReps: 0,
  createdAccounts: 0,
}

/** The staged column holding a snapshot's "last stage change" time. */
export const lastStageChange = 'last_stage_change'

/** Deal fields whose changes are logged: as-of reads go back through them (see dealsAsOf). */
const tracked = ['stage', 'status', 'amount', 'closed_on', 'expected_close_on'] as const

async function count(store: Store, sql: string): Promise<number> {
  const [row] = await store.query(`SELECT COUNT(*) AS n FROM (${sql}) x`)
  return Number(row?.n ?? 0)
}

/** Runs an INSERT ... SELECT and returns how many rows it added (a table count is cheap; the SELECT runs once). */
async function insertCounting(
  store: Store,
  table: string,
  select: string,
  params: unknown[] = [],
  columns = '',
): Promise<number> {
  const before = await count(store, `SELECT 1 FROM ${table}`)
  await store.run(`INSERT INTO ${table}${columns} ${select}`, params)
  return (await count(store, `SELECT 1 FROM ${table}`)) - before
}

/**
 * Before the upsert, while the table still holds the previous state: each tracked field
 * of a known deal that the file changes is logged (data quality reads pushed close
 * dates from it), and for CRMs that export no history a stage move becomes a stage
 * change: entered at the CRM's "last stage change" time when it is newer than what is
 * known, else at the time of this import (the move happened since the previous one).
 */
export async function beforeUpsert(
  store: Store,
  mapping: FileMapping,
  view: string,
  validWhere: string,
  observedAt: string,
): Promise<Pick<SideWrites, 'changesLogged' | 'stageChanges'>> {
  const result = { changesLogged: 0, stageChanges: 0 }
  if (mapping.entity !== 'opportunities') return result
  await refuseOlderSnapshot(store, mapping.source, observedAt)
  const d = store.dialect
  const text = d.columnType('text')
  const at = `CAST($1 AS ${d.columnType('timestamp')})`
  const changed = tracked
    .filter((f) => mapping.columns.has(f))
    .map(
      (f) => `SELECT s.id AS opportunity_id, '${f}' AS field, CAST(t.${f} AS ${text}) AS old_value,
          CAST(s.${f} AS ${text}) AS new_value, ${at} AS changed_at, '${mapping.source}' AS source
        FROM ${view} s JOIN opportunities t ON t.id = s.id
        WHERE (${validWhere}) AND t.${f} IS DISTINCT FROM s.${f}`,
    )
  if (changed.length) {
    const sql = changed.join(' UNION ALL ')
    result.changesLogged = await insertCounting(
      store,
      'opportunity_changes',
      sql,
      [observedAt],
      ' (opportunity_id, field, old_value, new_value, changed_at, source)',
    )
  }
  if (mapping.snapshotHistory && mapping.columns.has('stage')) {
    // The CRM's "last stage change" time where the export has it: a new deal that never
    // moved has it empty and entered its stage when created; a known deal moved then if
    // that is newer than what is known (also A → B → A between exports), else the move
    // happened since the previous export and is dated at this one.
    const hasLast = mapping.snapshotHistory.lastStageChange
    const last = hasLast ? `s.${lastStageChange}` : 'NULL'
    const ts = d.columnType('timestamp')
    const created = `CAST(s.created_on AS ${ts})`
    const known = `(SELECT MAX(c.entered_at) FROM stage_changes c WHERE c.opportunity_id = s.id)`
    const newer = `${last} > COALESCE(${known}, CAST(t.created_on AS ${ts}))`
    const sql = `SELECT s.id AS opportunity_id, s.stage, CASE
          WHEN t.id IS NULL THEN ${hasLast ? `COALESCE(${last}, ${created})` : 'NULL'}
          WHEN ${last} IS NOT NULL AND ${newer} THEN ${last}
          ELSE ${at} END AS entered_at
        FROM ${view} s LEFT JOIN opportunities t ON t.id = s.id
        WHERE (${validWhere}) AND s.stage IS NOT NULL
          AND (t.id IS NULL OR t.stage IS DISTINCT FROM s.stage OR (${last} IS NOT NULL AND ${newer}))`
    const rows = `SELECT n.opportunity_id, n.stage, n.entered_at FROM (${sql}) n WHERE n.entered_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stage_changes c WHERE c.opportunity_id = n.opportunity_id AND c.stage = n.stage AND c.entered_at = n.entered_at)`
    result.stageChanges = await insertCounting(
      store,
      'stage_changes',
      rows,
      [observedAt],
      ' (opportunity_id, stage, entered_at)',
    )
  }
  return result
}

/**
 * Deals are snapshots: importing an export older than one already imported from the same
 * source would move deals back in time. The change log tells when the last import from
 * a source saw a change.
 */
export async function refuseOlderSnapshot(
  store: Store,
  source: string,
  observedAt: string,
): Promise<void> {
  const [row] = await store.query(
    `SELECT CAST(MAX(changed_at) AS ${store.dialect.columnType('text')}) AS latest FROM opportunity_changes
      WHERE source = $1 AND changed_at > CAST($2 AS ${store.dialect.columnType('timestamp')})`,
    [source, observedAt],
  )
  if (row?.latest) {
    throw new MiernikError(
      'USAGE',
      `this ${source} export (taken ${observedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}) is older than one imported before (${String(row.latest)}): import exports in the order they were taken, or give --exported-at`,
    )
  }
}

/**
 * After the upsert: the file's own stage dates become stage history (each deal's entries
 * for its own pipeline), pipelines the database has no stages for get them in the
 * file's column order, and owners / accounts given by name become reps / accounts.
 */
export async function afterUpsert(
  store: Store,
  mapping: FileMapping,
  view: string,
  validWhere: string,
): Promise<Pick<SideWrites, 'stages' | 'createdReps' | 'createdAccounts' | 'stageChanges'>> {
  const result = { stages: 0, createdReps: 0, createdAccounts: 0, stageChanges: 0 }
  const q = store.dialect.quoteIdent
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`
  const dates = mapping.stageDates ?? []
  if (dates.length) {
    const rows = dates
      .map(
        (
          x,
        ) => `SELECT s.id AS opportunity_id, ${lit(x.stage)} AS stage, s.${q(x.extra)} AS entered_at
          FROM ${view} s WHERE (${validWhere}) AND s.${q(x.extra)} IS NOT NULL AND s.pipeline = ${lit(x.pipeline)}`,
      )
      .join(' UNION ALL ')
    const fresh = `SELECT DISTINCT n.opportunity_id, n.stage, n.entered_at FROM (${rows}) n WHERE NOT EXISTS (SELECT 1 FROM stage_changes c
        WHERE c.opportunity_id = n.opportunity_id AND c.stage = n.stage AND c.entered_at = n.entered_at)`
    result.stageChanges = await insertCounting(
      store,
      'stage_changes',
      fresh,
      [],
      ' (opportunity_id, stage, entered_at)',
    )
    const pipelines = [...new Set(dates.map((x) => x.pipeline))]
    const known = await store.query(
      `SELECT DISTINCT pipeline FROM stages WHERE pipeline IN (${pipelines.map(lit).join(', ')})`,
    )
    const knownSet = new Set(known.map((r) => String(r.pipeline)))
    for (const pipeline of pipelines.filter((p) => !knownSet.has(p))) {
      const list = dates.filter((x) => x.pipeline === pipeline)
      await store.run(
        `INSERT INTO stages (pipeline, stage, position, probability, kind) VALUES ${list
          .map((x, i) => `(${lit(pipeline)}, ${lit(x.stage)}, ${i + 1}, NULL, ${lit(x.kind)})`)
          .join(', ')}`,
      )
      result.stages += list.length
    }
  }
  for (const m of mapping.createMissing) {
    if (!mapping.columns.has(m.column)) continue
    const name = m.nameColumn
      ? `MIN(COALESCE(s.${q(m.nameColumn)}, s.${q(m.column)}))`
      : `MIN(s.${q(m.column)})`
    const sql = `SELECT s.${q(m.column)} AS id, ${name} AS name FROM ${view} s
        WHERE (${validWhere}) AND s.${q(m.column)} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${q(m.entity)} r WHERE r.id = s.${q(m.column)})
        GROUP BY s.${q(m.column)}`
    const n = await insertCounting(store, q(m.entity), sql, [], ' (id, name)')
    if (m.entity === 'reps') result.createdReps += n
    else result.createdAccounts += n
  }
  return result
}

/**
 * Rows a history export repeats for changes other than the stage: keeps each stage move.
 * The history already stored counts as what came before (an incremental export whose
 * first row repeats the stored stage), except rows the file itself repeats (a re-import).
 */
export function stageRepeatsSql(view: string): string {
  const stored = `SELECT CAST(NULL AS BIGINT) AS _rec, c.opportunity_id, c.stage, c.entered_at FROM stage_changes c
    WHERE c.opportunity_id IN (SELECT opportunity_id FROM ${view})
      AND NOT EXISTS (SELECT 1 FROM ${view} f WHERE f.opportunity_id = c.opportunity_id AND f.stage = c.stage AND f.entered_at = c.entered_at)`
  return `SELECT _rec FROM (
      SELECT _rec, stage, LAG(stage) OVER (PARTITION BY opportunity_id ORDER BY entered_at, _rec NULLS FIRST) AS prev
      FROM (SELECT _rec, opportunity_id, stage, entered_at FROM ${view} UNION ALL ${stored}) x
    ) r WHERE _rec IS NOT NULL AND prev = stage`
}

import type { EntityName } from '../model/entities.js'
import type { Store } from '../store/store.js'
import { LINE_MAP, REJECTED, TYPED } from './import-report.js'
import type { ReadPlan } from './plan-read.js'
import { recordLines } from './readers/record-lines.js'
import { anyBadSql, duplicateKeysSql, errorsSql, type RowError } from './validate.js'

type Checks = Parameters<typeof anyBadSql>[0]

/**
 * Find rejects: every check run as SQL over the staging table. The rejected records, with
 * all their reasons, go to a table of their own (for the count and the rejects file); the
 * first `maxErrors` problems come back for the report, at their real file lines.
 */
export async function findRejects(
  store: Store,
  entity: EntityName,
  plan: ReadPlan,
  checks: Checks,
  maxErrors: number,
): Promise<{ errors: RowError[]; rejected: number }> {
  const [bad] = await store.query(`SELECT COUNT(*) AS n FROM ${TYPED} s WHERE ${anyBadSql(checks)}`)
  let duplicates = await store.query(duplicateKeysSql(entity, TYPED))
  await store.run(`DROP TABLE IF EXISTS ${REJECTED}`)
  await store.run(
    `CREATE TEMP TABLE ${REJECTED} (rec BIGINT, line BIGINT, reason ${store.dialect.columnType('text')})`,
  )
  if (Number(bad?.n ?? 0) === 0 && duplicates.length === 0) return { errors: [], rejected: 0 }
  const badRecords = duplicates.map((d) => Number(d.rec)).join(', ') || 'NULL'
  if (await fixLineNumbers(store, plan, `(${anyBadSql(checks)}) OR s._rec IN (${badRecords})`)) {
    duplicates = await store.query(duplicateKeysSql(entity, TYPED))
  }
  const found = await store.query(errorsSql(TYPED, checks, maxErrors))
  const errors = [...found, ...duplicates]
    .map((r) => ({
      line: Number(r.line),
      column: String(r.col),
      value: r.value === null ? null : String(r.value),
      reason: String(r.reason),
    }))
    .sort((a, b) => a.line - b.line || a.column.localeCompare(b.column))
    .slice(0, maxErrors)
  await store.run(
    `INSERT INTO ${REJECTED}
     SELECT rec, MIN(line), STRING_AGG(col || ': ' || reason, '; ' ORDER BY col) FROM (
       SELECT * FROM (${errorsSql(TYPED, checks, 1_000_000_000)}) a
       UNION ALL SELECT * FROM (${duplicateKeysSql(entity, TYPED)}) b
     ) e GROUP BY rec`,
  )
  const [n] = await store.query(`SELECT COUNT(*) AS n FROM ${REJECTED}`)
  return { errors, rejected: Number(n?.n ?? 0) }
}

/**
 * The database numbers records; blank lines and line breaks inside quoted cells make
 * that differ from file lines. For the bad rows only, scan the file and store the real
 * line in _line. Returns whether any line moved.
 */
async function fixLineNumbers(
  store: Store,
  { prepared, layout }: ReadPlan,
  badWhere: string,
): Promise<boolean> {
  if (layout.format === 'json') return false // a JSON array's records are numbered as such
  const offset = (layout.format === 'csv' ? 2 : 1) + prepared.lineOffset
  const bad = await store.query(`SELECT s._rec AS rec FROM ${TYPED} s WHERE ${badWhere}`)
  const lines = await recordLines(prepared.path, new Set(bad.map((r) => Number(r.rec))), {
    header: layout.format === 'csv',
    quoted: layout.format === 'csv',
  })
  const moved = [...lines]
    .map(([record, line]) => [record, line + prepared.lineOffset] as const)
    .filter(([record, line]) => record + offset !== line)
  if (moved.length === 0) return false
  await store.run(`DROP TABLE IF EXISTS ${LINE_MAP}`)
  await store.run(`CREATE TEMP TABLE ${LINE_MAP} (rec BIGINT, line BIGINT)`)
  const p = store.dialect.placeholder
  for (let i = 0; i < moved.length; i += 1000) {
    const batch = moved.slice(i, i + 1000)
    await store.run(
      `INSERT INTO ${LINE_MAP} VALUES ${batch.map((_, j) => `(${p(2 * j + 1)}, ${p(2 * j + 2)})`).join(', ')}`,
      batch.flatMap(([record, line]) => [record, line]),
    )
  }
  await store.run(`UPDATE ${TYPED} AS s SET _line = m.line FROM ${LINE_MAP} m WHERE s._rec = m.rec`)
  await store.run(`DROP TABLE ${LINE_MAP}`)
  return true
}

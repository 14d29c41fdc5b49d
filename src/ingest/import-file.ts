import { dirname, basename, join } from 'node:path'
import { MiernikError } from '../errors.js'
import { columnOf, entities, type EntityName } from '../model/entities.js'
import { readSettings } from '../store/settings.js'
import type { FileLayout, Store } from '../store/store.js'
import { detectLayout } from './readers/detect-layout.js'
import { recordLines } from './readers/record-lines.js'
import { upsert, type UpsertCounts } from './upsert.js'
import {
  anyBadSql,
  checksFor,
  duplicateKeysSql,
  errorsSql,
  rawName,
  typedProjection,
  type RowError,
} from './validate.js'
import { unknownReferences, type ReferenceWarning } from './references.js'

export interface ImportOptions {
  /** Write the valid rows and put the rejected ones in a rejects CSV beside the input. */
  skipInvalid?: boolean
  /** Validate only; write nothing. */
  dryRun?: boolean
  /** Most errors listed in the report (all are counted). */
  maxErrors?: number
  onProgress?: (message: string) => void
}

export interface ImportReport extends UpsertCounts {
  entity: EntityName
  file: string
  rows: number
  rejected: number
  errors: RowError[]
  /** Columns of the file that are not part of the entity and were ignored. */
  ignoredColumns: string[]
  references: ReferenceWarning[]
  rejectsFile: string | null
  dryRun: boolean
}

const TYPED = 'miernik_staging_typed'
const REJECTED = 'miernik_staging_rejected'
const LINE_MAP = 'miernik_staging_lines'

/**
 * Imports one native file into an entity: stage it as text, check it with SQL, then
 * upsert in one transaction. All-or-nothing unless `skipInvalid`.
 */
export async function importFile(
  store: Store,
  entity: EntityName,
  file: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const progress = options.onProgress ?? (() => {})
  const maxErrors = options.maxErrors ?? 1000
  const spec = entities[entity]
  const settings = await readSettings(store)

  const layout = await detectLayout(file)
  const present = new Map<string, string>()
  const ignoredColumns: string[] = []
  for (const column of layout.columns) {
    const canonical = spec.columns.find((c) => c.name === column.toLowerCase())
    if (canonical && !present.has(canonical.name)) present.set(canonical.name, column)
    else ignoredColumns.push(column)
  }
  const missing = spec.columns.filter(
    (c) =>
      (c.required || spec.key.includes(c.name)) && c.default === undefined && !present.has(c.name),
  )
  if (missing.length) {
    throw new MiernikError(
      'INVALID_FILE',
      `${file}:1: missing required column${missing.length > 1 ? 's' : ''} ${missing.map((c) => c.name).join(', ')} for ${entity} (columns are: ${spec.columns.map((c) => c.name).join(', ')})`,
    )
  }

  progress(`reading ${file}`)
  const q = store.dialect.quoteIdent
  // Read and typed in one pass: the checks, the upsert and the warnings all read this table.
  // Cells are kept as written where typing changes them (raw_<column>), and columns that
  // are no part of the entity as extra_<n>, for reports and the rejects file.
  const extras = layout.columns.filter((c) => ignoredColumns.includes(c))
  const projection = [
    typedProjection(entity, present, store.dialect, settings.base_currency),
    ...extras.map((c, i) => `${q(c)} AS extra_${i}`),
  ].join(', ')
  store.onProgress = (pct) => progress(`reading ${file}: ${pct.toFixed(0)}%`)
  const rows = await store.stageFile(TYPED, file, layout, projection).finally(() => {
    store.onProgress = undefined
  })
  progress(`read ${rows.toLocaleString('en')} rows; validating`)
  const rawColumn = (c: string) => {
    const canonical = [...present].find(([, fileColumn]) => fileColumn === c)?.[0]
    const spec = canonical ? columnOf(entity, canonical) : undefined
    return spec ? rawName(spec) : `extra_${extras.indexOf(c)}`
  }

  const checks = checksFor(entity, present, store.dialect)
  const [bad] = await store.query(`SELECT COUNT(*) AS n FROM ${TYPED} s WHERE ${anyBadSql(checks)}`)
  let duplicates = await store.query(duplicateKeysSql(entity, TYPED))
  let errors: RowError[] = []
  let rejected = 0
  await store.run(`DROP TABLE IF EXISTS ${REJECTED}`)
  await store.run(
    `CREATE TEMP TABLE ${REJECTED} (rec BIGINT, line BIGINT, reason ${store.dialect.columnType('text')})`,
  )
  if (Number(bad?.n ?? 0) > 0 || duplicates.length > 0) {
    const badRecords = duplicates.map((d) => Number(d.rec)).join(', ') || 'NULL'
    if (
      await fixLineNumbers(
        store,
        file,
        layout,
        `(${anyBadSql(checks)}) OR s._rec IN (${badRecords})`,
      )
    ) {
      duplicates = await store.query(duplicateKeysSql(entity, TYPED))
    }
    const found = await store.query(errorsSql(TYPED, checks, maxErrors))
    errors = [...found, ...duplicates]
      .map((r) => ({
        line: Number(r.line),
        column: String(r.col),
        value: r.value === null ? null : String(r.value),
        reason: String(r.reason),
      }))
      .sort((a, b) => a.line - b.line || a.column.localeCompare(b.column))
      .slice(0, maxErrors)
    // Every rejected record with all its reasons, for the count and the rejects file.
    await store.run(
      `INSERT INTO ${REJECTED}
       SELECT rec, MIN(line), STRING_AGG(col || ': ' || reason, '; ' ORDER BY col) FROM (
         SELECT * FROM (${errorsSql(TYPED, checks, 1_000_000_000)}) a
         UNION ALL SELECT * FROM (${duplicateKeysSql(entity, TYPED)}) b
       ) e GROUP BY rec`,
    )
    const [n] = await store.query(`SELECT COUNT(*) AS n FROM ${REJECTED}`)
    rejected = Number(n?.n ?? 0)
  }

  const report: ImportReport = {
    entity,
    file,
    rows,
    rejected,
    errors,
    ignoredColumns,
    references: [],
    rejectsFile: null,
    dryRun: !!options.dryRun,
    inserted: 0,
    updated: 0,
    unchanged: 0,
  }
  if (rejected > 0 && !options.skipInvalid) {
    await store.run(`DROP TABLE IF EXISTS ${TYPED}`)
    throw new MiernikError(
      'IMPORT_REJECTED',
      `${file}: ${rejected} of ${rows} rows are invalid; nothing was imported`,
      { details: report },
    )
  }
  const validWhere =
    rejected > 0 ? `NOT EXISTS (SELECT 1 FROM ${REJECTED} r WHERE r.rec = s._rec)` : 'TRUE'
  if (options.dryRun) {
    // What the import would do, counted without writing.
    Object.assign(
      report,
      await upsert(store, entity, TYPED, new Set(present.keys()), validWhere, { write: false }),
    )
    report.references = await unknownReferences(store, entity, TYPED, present, validWhere)
    return report
  }
  const writing = `writing ${(rows - rejected).toLocaleString('en')} rows to ${entity}`
  progress(writing)
  store.onProgress = (pct) => progress(`${writing}: ${pct.toFixed(0)}%`)
  await store
    .transaction(async () => {
      Object.assign(report, await upsert(store, entity, TYPED, new Set(present.keys()), validWhere))
      report.references = await unknownReferences(store, entity, TYPED, present, validWhere)
    })
    .finally(() => {
      store.onProgress = undefined
    })
  // Written once the rows have landed, so a failed import leaves no rejects file behind.
  if (rejected > 0) {
    report.rejectsFile = join(dirname(file), `${basename(file)}.rejects.csv`)
    const fileColumns = layout.columns.map((c) => `s.${q(rawColumn(c))} AS ${q(c)}`).join(', ')
    await store.exportCsv(
      `SELECT s._line AS line, ${fileColumns}, r.reason AS reason FROM ${TYPED} s JOIN ${REJECTED} r ON r.rec = s._rec ORDER BY s._rec`,
      [],
      report.rejectsFile,
    )
  }
  await store.run(`DROP TABLE IF EXISTS ${TYPED}`)
  return report
}

/**
 * The database numbers records; blank lines and line breaks inside quoted cells make
 * that differ from file lines. For the bad rows only, scan the file and store the real
 * line in _line. Returns whether any line moved.
 */
async function fixLineNumbers(
  store: Store,
  file: string,
  layout: FileLayout,
  badWhere: string,
): Promise<boolean> {
  if (layout.format === 'json') return false // a JSON array's records are numbered as such
  const offset = layout.format === 'csv' ? 2 : 1
  const bad = await store.query(`SELECT s._rec AS rec FROM ${TYPED} s WHERE ${badWhere}`)
  const lines = await recordLines(file, new Set(bad.map((r) => Number(r.rec))), {
    header: layout.format === 'csv',
    quoted: layout.format === 'csv',
  })
  const moved = [...lines].filter(([record, line]) => record + offset !== line)
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

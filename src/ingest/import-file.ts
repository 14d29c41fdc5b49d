import { dirname, basename, join } from 'node:path'
import { MiernikError } from '../errors.js'
import { type EntityName } from '../model/entities.js'
import { readSettings } from '../store/settings.js'
import type { FileLayout, Store } from '../store/store.js'
import { checkRequired, nativeMapping, type FileMapping } from './mapping/file-mapping.js'
import { parseDateFormat } from './mapping/normalise-sql.js'
import { loadMappingFile } from './mapping/mapping-file.js'
import { presetByName } from './presets/index.js'
import { presetMapping } from './presets/preset.js'
import { detectLayout } from './readers/detect-layout.js'
import { prepareFile, type Encoding, type PreparedFile } from './readers/prepare-file.js'
import { recordLines } from './readers/record-lines.js'
import { unknownReferences, type ReferenceWarning } from './references.js'
import {
  afterUpsert,
  beforeUpsert,
  noSideWrites,
  stageRepeatsSql,
  type SideWrites,
} from './side-writes.js'
import { upsert, type UpsertCounts } from './upsert.js'
import {
  anyBadSql,
  checksFor,
  duplicateKeysSql,
  errorsSql,
  stagingProjection,
  type RowError,
} from './validate.js'

/** How to read a file that is not in the native format. */
export interface ReadOptions {
  /** A CRM preset: hubspot, pipedrive, salesforce, capsule. */
  preset?: string
  /** A JSON mapping file for any other source (see README). */
  mapping?: string
  /** Day/month order of slashed dates, e.g. 'DD/MM/YYYY'. */
  dateFormat?: string
  /** The decimal mark of amounts when it cannot be told from the cell. */
  decimal?: '.' | ','
  /** Overrides encoding detection. */
  encoding?: Encoding
  /** XLSX sheet (default: the first). */
  sheet?: string
}

export interface ImportOptions extends ReadOptions {
  /** Write the valid rows and put the rejected ones in a rejects CSV beside the input. */
  skipInvalid?: boolean
  /** Validate only; write nothing. */
  dryRun?: boolean
  /** Most errors listed in the report (all are counted). */
  maxErrors?: number
  onProgress?: (message: string) => void
  /**
   * When this snapshot was taken (ISO date-time): the time of stage moves and field
   * changes seen since the previous import. Read from the clock by the caller.
   */
  observedAt?: string
}

export interface ImportReport extends UpsertCounts, SideWrites {
  entity: EntityName
  file: string
  /** 'native', the preset's name or 'mapping file'. */
  source: string
  encoding: Encoding
  rows: number
  rejected: number
  /** Rows left out on purpose: deleted in the CRM, repeated history rows, report footers. */
  skipped: { rows: number; why: string }[]
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

/** The mapping a file would be read with, and the file as the database reads it. */
export interface ReadPlan {
  prepared: PreparedFile
  layout: FileLayout
  mapping: FileMapping
}

/** Prepares a file (encoding, footers, workbook) and resolves its mapping. Caller cleans up. */
export async function planRead(
  store: Pick<Store, 'dialect'>,
  entity: EntityName,
  file: string,
  options: ReadOptions = {},
): Promise<ReadPlan> {
  if (options.preset && options.mapping) {
    throw new MiernikError('USAGE', 'give either --preset or --mapping, not both')
  }
  const preset = options.preset ? presetByName(options.preset) : undefined
  const custom = options.mapping ? await loadMappingFile(options.mapping, entity) : undefined
  const rules = preset ? preset.entities[entity] : custom?.rules
  if (preset && !rules) {
    const has = Object.keys(preset.entities).join(', ')
    throw new MiernikError('USAGE', `the ${preset.label} preset reads ${has}, not ${entity}`)
  }
  const prepared = await prepareFile(file, {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
    dropFooters: preset?.dropFooters ?? false,
  })
  try {
    const layout = await detectLayout(prepared.path)
    const dateFormat = options.dateFormat ?? custom?.dateFormat
    const decimal = options.decimal ?? custom?.decimal
    const mapping = rules
      ? presetMapping(
          preset ?? { name: 'mapping file' },
          rules,
          entity,
          layout.columns,
          store.dialect,
          {
            ...(dateFormat ? { dateFormat: parseDateFormat(dateFormat) } : {}),
            ...(decimal ? { decimal } : {}),
          },
        )
      : nativeMapping(entity, layout.columns, store.dialect)
    custom?.check(mapping, file)
    checkRequired(
      mapping,
      file,
      preset
        ? `: is this a ${preset.label} export of ${entity}? Its columns: ${layout.columns.join(', ')}`
        : '',
    )
    return { prepared, layout, mapping }
  } catch (e) {
    await prepared.cleanup()
    throw namingInput(e, prepared.path, file)
  }
}

/**
 * Imports one file into an entity: stage it as text, map and check it with SQL, then
 * upsert in one transaction. All-or-nothing unless `skipInvalid`.
 */
export async function importFile(
  store: Store,
  entity: EntityName,
  file: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const plan = await planRead(store, entity, file, options)
  try {
    return await importPlanned(store, file, plan, options)
  } finally {
    await plan.prepared.cleanup()
  }
}

async function importPlanned(
  store: Store,
  file: string,
  { prepared, layout, mapping }: ReadPlan,
  options: ImportOptions,
): Promise<ImportReport> {
  const entity = mapping.entity
  const progress = options.onProgress ?? (() => {})
  const maxErrors = options.maxErrors ?? 1000
  const settings = await readSettings(store)
  const observedAt = options.observedAt ?? new Date().toISOString()

  progress(`reading ${file}`)
  const q = store.dialect.quoteIdent
  // Read and typed in one pass: the checks, the upsert and the warnings all read this table.
  const staged = stagingProjection(mapping, layout.columns, store.dialect, settings.base_currency)
  store.onProgress = (pct) => progress(`reading ${file}: ${pct.toFixed(0)}%`)
  let rows = await store
    .stageFile(TYPED, prepared.path, layout, staged.projection)
    .catch((e: unknown) => {
      throw namingInput(e, prepared.path, file)
    })
    .finally(() => {
      store.onProgress = undefined
    })
  if (prepared.lineOffset)
    await store.run(`UPDATE ${TYPED} SET _line = _line + ${prepared.lineOffset}`)
  const skipped: ImportReport['skipped'] = []
  if (prepared.footerLines.length) {
    skipped.push({
      rows: prepared.footerLines.length,
      why: `report footer lines (${prepared.footerLines[0]}...)`,
    })
  }
  // Footer lines were never staged; rows dropped from the staging table were.
  const dropped = await dropSkippedRows(store, TYPED, mapping)
  skipped.push(...dropped)
  rows -= dropped.reduce((n, s) => n + s.rows, 0)
  progress(`read ${rows.toLocaleString('en')} rows; validating`)

  const checks = checksFor(mapping, staged, store.dialect)
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
        prepared,
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
    source: mapping.source,
    encoding: prepared.encoding,
    rows,
    rejected,
    skipped,
    errors,
    ignoredColumns: mapping.ignored,
    references: [],
    rejectsFile: null,
    dryRun: !!options.dryRun,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    ...noSideWrites,
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
  const present = new Set(mapping.columns.keys())
  if (options.dryRun) {
    // What the import would do, counted without writing.
    Object.assign(report, await upsert(store, entity, TYPED, present, validWhere, { write: false }))
    report.references = await unknownReferences(store, entity, TYPED, mapping.columns, validWhere)
    return report
  }
  const writing = `writing ${(rows - rejected).toLocaleString('en')} rows to ${entity}`
  progress(writing)
  store.onProgress = (pct) => progress(`${writing}: ${pct.toFixed(0)}%`)
  await store
    .transaction(async () => {
      // Concurrent imports (PostgreSQL) write one after the other, each seeing the last.
      await store.lockForWrite()
      const before = await beforeUpsert(store, mapping, TYPED, validWhere, observedAt)
      Object.assign(report, await upsert(store, entity, TYPED, present, validWhere))
      const after = await afterUpsert(store, mapping, TYPED, validWhere)
      Object.assign(report, before, after, {
        stageChanges: before.stageChanges + after.stageChanges,
      })
      report.references = await unknownReferences(store, entity, TYPED, mapping.columns, validWhere)
    })
    .finally(() => {
      store.onProgress = undefined
    })
  // Written once the rows have landed, so a failed import leaves no rejects file behind.
  if (rejected > 0) {
    report.rejectsFile = join(dirname(file), `${basename(file)}.rejects.csv`)
    const fileColumns = layout.columns
      .map((c) => `s.${q(staged.cellOf.get(c) as string)} AS ${q(c)}`)
      .join(', ')
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
 * An INVALID_FILE error about the file the store read names it: a converted or transcoded
 * temporary copy when the input needed preparing. Name the input instead.
 */
function namingInput(e: unknown, path: string, file: string): unknown {
  if (!(e instanceof MiernikError) || e.code !== 'INVALID_FILE' || path === file) return e
  return new MiernikError('INVALID_FILE', e.message.replaceAll(path, file), {
    cause: e.cause,
    details: e.details,
  })
}

/**
 * Removes from a staged file the rows a mapping leaves out on purpose: deleted in the CRM
 * (skipRow), and history rows repeating the stage before them (collapseStageRepeats).
 */
export async function dropSkippedRows(
  store: Store,
  table: string,
  mapping: FileMapping,
): Promise<ImportReport['skipped']> {
  const skipped: ImportReport['skipped'] = []
  const drop = async (where: string, why: string) => {
    const [row] = await store.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    const n = Number(row?.n ?? 0)
    if (n === 0) return
    await store.run(`DELETE FROM ${table} WHERE ${where}`)
    skipped.push({ rows: n, why })
  }
  if (mapping.skipRow) await drop('_skip', mapping.skipRow.why)
  if (mapping.collapseStageRepeats) {
    await drop(
      `_rec IN (${stageRepeatsSql(table)})`,
      'history rows that repeat the previous stage (other fields changed)',
    )
  }
  return skipped
}

/**
 * The database numbers records; blank lines and line breaks inside quoted cells make
 * that differ from file lines. For the bad rows only, scan the file and store the real
 * line in _line. Returns whether any line moved.
 */
async function fixLineNumbers(
  store: Store,
  prepared: PreparedFile,
  layout: FileLayout,
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

import type { Store } from '../store/store.js'
import { TYPED, type Skipped } from './import-report.js'
import type { FileMapping } from './mapping/file-mapping.js'
import { MiernikError } from '../errors.js'
import { namingInput, type ReadPlan } from './plan-read.js'
import { scanCsv } from './readers/scan-csv.js'
import { stageRepeatsSql } from './side-writes.js'

/**
 * Stage: the file read and typed in one pass into the staging table (the checks, the
 * upsert and the warnings all read it), less the rows the mapping leaves out on purpose.
 * `projection` is a SELECT list over the file's columns (see stagingProjection and
 * leanStaging); `numbered: false` when nothing will read `_rec` and `_line`.
 */
export async function stageRows(
  store: Store,
  file: string,
  { prepared, layout, mapping }: ReadPlan,
  projection: string,
  progress: (message: string) => void,
  numbered = true,
): Promise<{ rows: number; skipped: Skipped }> {
  progress(`reading ${file}`)
  let rows = await readAll(store, file, { prepared, layout }, projection, progress, numbered)
  if (prepared.lineOffset && numbered)
    await store.run(`UPDATE ${TYPED} SET _line = _line + ${prepared.lineOffset}`)
  const skipped: Skipped = []
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
  return { rows, skipped }
}

/** The longest record Miernik reads (DuckDB's own default stops at 2,000,000 bytes). */
const maxRecordBytes = 256 * 1024 * 1024

/**
 * Stages the file and checks that every record of it was read: a CSV is scanned meanwhile
 * (records, longest record, NUL bytes), so a record a reader would drop or refuse for its
 * length is read after all, binary content is refused with its line, and any difference
 * between the records read and the records the file holds fails the import, never a
 * silent loss.
 */
async function readAll(
  store: Store,
  file: string,
  { prepared, layout }: Pick<ReadPlan, 'prepared' | 'layout'>,
  projection: string,
  progress: (message: string) => void,
  numbered: boolean,
): Promise<number> {
  const scanning = layout.format === 'csv' ? scanCsv(prepared.path) : null
  scanning?.catch(() => {})
  const stage = (l: typeof layout) =>
    store.stageFile(TYPED, prepared.path, l, projection, {
      onProgress: (pct) => progress(`reading ${file}: ${pct.toFixed(0)}%`),
      numbered,
    })
  let rows: number | null = null
  let failure: unknown = null
  try {
    rows = await stage(layout)
  } catch (e) {
    failure = e
  }
  const scan = await scanning
  if (scan?.nulLine)
    throw new MiernikError(
      'INVALID_FILE',
      `${file}:${scan.nulLine}: a NUL byte, which is not text: is this a binary file, or UTF-16 saved without its byte order mark? (--encoding)`,
    )
  if (scan && scan.longest.bytes > maxRecordBytes)
    throw new MiernikError(
      'INVALID_FILE',
      `${file}:${scan.longest.line}: a record of ${(scan.longest.bytes / 1024 / 1024).toFixed(0)} MB; Miernik reads records of up to ${maxRecordBytes / 1024 / 1024} MB`,
    )
  const long = scan && layout.format === 'csv' && scan.longest.bytes >= 2_000_000
  if (long && (failure !== null || rows !== scan.records)) {
    // Read again, letting the long record through.
    failure = null
    rows = await stage({ ...layout, longestRecord: scan.longest.bytes }).catch((e: unknown) => {
      failure = e
      return null
    })
  }
  if (failure !== null) throw namingInput(failure, prepared.path, file)
  if (scan && rows !== scan.records) {
    throw new MiernikError(
      'INVALID_FILE',
      `${file}: read ${rows} of its ${scan.records} records; nothing was imported (a malformed record? see 'miernik inspect')`,
    )
  }
  return rows as number
}

/**
 * Removes from a staged file the rows a mapping leaves out on purpose: deleted in the CRM
 * (skipRow), and history rows repeating the stage before them (collapseStageRepeats).
 */
export async function dropSkippedRows(
  store: Store,
  table: string,
  mapping: FileMapping,
): Promise<Skipped> {
  const skipped: Skipped = []
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

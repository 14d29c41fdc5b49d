import { entities } from '../model/entities.js'
import { writtenVersion } from './written-version.js'
import type { Store } from '../store/store.js'
import { writeState } from '../store/transaction.js'
import type { ImportOptions, ImportReport } from './import-report.js'
import type { LeanStaging } from './lean-stage.js'
import type { ReadPlan } from './plan-read.js'
import { scanCsv } from './readers/scan-csv.js'
import { unknownReferences } from './references.js'
import { refuseOlderSnapshot } from './side-writes.js'
import { overlapWarnings } from './write-rows.js'

/** What a first load reports besides the plan's own fields. */
type Loaded = Pick<ImportReport, 'rows' | 'inserted' | 'references' | 'warnings'>

/**
 * Whether a file may be loaded straight into its empty table (see loadDirect): a file of
 * the entity's own columns and nothing else to write, on an engine that can append a file
 * in one statement. Whether the table is empty is asked inside the transaction.
 */
export function canLoadDirect(
  store: Store,
  { mapping, prepared }: ReadPlan,
  lean: LeanStaging | null,
  options: ImportOptions,
): lean is LeanStaging {
  return (
    !!lean &&
    !!store.appendFile &&
    lean.stored.length === 0 &&
    !options.dryRun &&
    prepared.footerLines.length === 0 &&
    prepared.lineOffset === 0 &&
    mapping.extras.length === 0 &&
    mapping.createMissing.length === 0 &&
    !mapping.skipRow &&
    !mapping.stageDates?.length &&
    !mapping.snapshotHistory &&
    !mapping.collapseStageRepeats
  )
}

/**
 * A first load: the file read, typed, checked and appended to its empty table in one
 * statement, in one transaction, as a hand-written `INSERT ... SELECT ... FROM read_csv`
 * would — no staging table, no second copy of the rows. Any row failing a check, any key
 * twice, anything unexpected (a table not empty after all, an unreadable record, an older
 * snapshot) rolls it back and returns null ('invalid' for bad rows or keys): the caller then
 * imports the file the usual way, which says what is wrong, where, as for any other import.
 */
export async function loadDirect(
  store: Store,
  file: string,
  { prepared, layout, mapping }: ReadPlan,
  lean: LeanStaging,
  observedAt: string,
  progress: (message: string) => void,
): Promise<Loaded | 'invalid' | null> {
  const append = store.appendFile?.bind(store)
  if (!append) return null
  const entity = mapping.entity
  const q = store.dialect.quoteIdent
  const table = q(entity)
  const columns = entities[entity].columns.map((c) => c.name)
  let rows: number
  try {
    rows = await store.transaction(async () => {
      await store.lockForWrite()
      const [any] = await store.query(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} LIMIT 1) t`,
      )
      if (Number(any?.n ?? 0) > 0) throw fallBack
      if (entity === 'opportunities') await refuseOlderSnapshot(store, mapping.source, observedAt)
      progress(`reading ${file}`)
      const appended = await append(entity, columns, prepared.path, layout, lean.projection, {
        onProgress: (pct) => progress(`reading ${file}: ${pct.toFixed(0)}%`),
      }).catch(() => null)
      if (appended === null) throw invalid
      progress(`read ${appended.toLocaleString('en')} rows; validating`)
      // The file's own count of records, taken while the key check runs: DuckDB scans a
      // transaction's rows on one thread, where the append kept every core busy.
      const scanning = layout.format === 'csv' ? scanCsv(prepared.path) : null
      scanning?.catch(() => {})
      // Keys by their 64-bit hash (DuckDB's hash(): only DuckDB appends files): cheaper than
      // by text, and a collision (odds of about 1 in 400,000 at 10M rows) only sends the
      // file the usual way, which compares the keys themselves.
      const key = entities[entity].key.map(q).join(', ')
      const [twice] = await store.query(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} GROUP BY hash(${key}) HAVING COUNT(*) > 1) d`,
      )
      const scan = scanning && (await scanning.catch(() => null))
      // A record the reader dropped or would not take, a NUL byte: the usual way says which.
      if (scanning) {
        if (!scan || scan.nulLine !== null || scan.longest.bytes >= 2_000_000) throw fallBack
        if (appended !== scan.records) throw fallBack
      }
      if (Number(twice?.n ?? 0) > 0) throw fallBack
      progress(`writing ${appended.toLocaleString('en')} rows to ${entity}`)
      await writtenVersion(store, entity)
      return appended
    })
  } catch (e) {
    // Ctrl-C stops the import, never restarts it the usual way.
    if (writeState.interrupted) throw e
    return e === invalid ? 'invalid' : null
  }
  // Warnings only, read once the rows have landed: a scan of the stored table is cheaper
  // than one of the transaction's own rows, and sees the same rows.
  return {
    rows,
    inserted: rows,
    references: await unknownReferences(store, entity, table, mapping.columns, 'TRUE'),
    warnings: await overlapWarnings(store, entity, table, 'TRUE'),
  }
}

/** Thrown inside the transaction to roll it back and import the usual way. */
const fallBack = new Error('not a clean first load')
/** The same, for a file with bad rows or a key twice: staged in full straight away. */
const invalid = new Error('bad rows')

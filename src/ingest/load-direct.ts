import { dealDaysCurrent, refreshDealDays } from '../model/deal-days.js'
import { entities } from '../model/entities.js'
import { writtenVersion } from './written-version.js'
import { LOAD_PREFIX, type Store } from '../store/store.js'
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
    !!store.createTableLike &&
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
 * A first load: the file read, typed, checked and appended in one statement to a table of
 * its own, as a hand-written `INSERT ... SELECT ... FROM read_csv` would (no staging table
 * of text, no second copy of the rows), committed; its keys checked there; then swapped in
 * for the empty table in one small transaction. Nothing reads the rows before the swap, so
 * the engine may write them to the file as it reads them (see Store.appendFile): compressed
 * on every core while the file is read, instead of at COMMIT. Any row failing a check, any
 * key twice, anything unexpected (the table not empty after all, an unreadable record, an
 * older snapshot) drops the load's table and returns null ('invalid' for bad rows or
 * keys): the caller then imports the file the usual way, which says what is wrong, where,
 * as for any other import.
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
  const createTableLike = store.createTableLike?.bind(store)
  if (!append || !createTableLike) return null
  const entity = mapping.entity
  const q = store.dialect.quoteIdent
  const table = q(entity)
  const loadTable = `${LOAD_PREFIX}${entity}`
  const load = q(loadTable)
  const columns = entities[entity].columns.map((c) => c.name)
  const isEmpty = async () => {
    const [any] = await store.query(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} LIMIT 1) t`)
    return Number(any?.n ?? 0) === 0
  }
  // Asked again in the swap: here it spares reading a file that cannot be loaded this way.
  const refused = async () =>
    !(await isEmpty()) ||
    (entity === 'opportunities' &&
      (await refuseOlderSnapshot(store, mapping.source, observedAt).then(
        () => false,
        () => true,
      )))
  if (await refused()) return null
  let swapped = false
  let rows: number
  try {
    await createTableLike(loadTable, entity)
    progress(`reading ${file}`)
    // Appended and committed in a transaction of its own.
    const appended = await append(loadTable, columns, prepared.path, layout, lean.projection, {
      onProgress: (pct) => progress(`reading ${file}: ${pct.toFixed(0)}%`),
    }).catch(() => null)
    if (appended === null) throw invalid
    progress(`read ${appended.toLocaleString('en')} rows; validating`)
    // The file's own count of records, taken while the key check runs.
    const scanning = layout.format === 'csv' ? scanCsv(prepared.path) : null
    scanning?.catch(() => {})
    // Keys by their 64-bit hash (DuckDB's hash(): only DuckDB appends files), sorted, each
    // beside the one before: at 10M rows 0.55-0.6 s, against 0.9-1.4 s grouping them by
    // hash (a hash table of 10M groups) and 0.8-0.95 s by text. A collision (odds of about
    // 1 in 400,000 at 10M rows) only sends the file the usual way, which compares the keys.
    const key = entities[entity].key.map(q).join(', ')
    const [twice] = await store.query(
      `SELECT COUNT(*) AS n FROM (SELECT h, lag(h) OVER (ORDER BY h) AS before
         FROM (SELECT hash(${key}) AS h FROM ${load}) k) d WHERE h = before`,
    )
    const scan = scanning && (await scanning.catch(() => null))
    // A record the reader dropped or would not take, a NUL byte: the usual way says which.
    if (scanning) {
      if (!scan || scan.nulLine !== null || scan.longest.bytes >= 2_000_000) throw fallBack
      if (appended !== scan.records) throw fallBack
    }
    if (Number(twice?.n ?? 0) > 0) throw fallBack
    progress(`writing ${appended.toLocaleString('en')} rows to ${entity}`)
    rows = await store.transaction(async () => {
      await store.lockForWrite()
      if (await refused()) throw fallBack
      await store.run(`DROP TABLE ${table}`)
      await store.run(`ALTER TABLE ${load} RENAME TO ${table}`)
      await writtenVersion(store, entity)
      // The deals per day from the swapped-in rows, already committed and compressed (fast
      // to read): the first load leaves no moment where they are stale.
      if (!(await dealDaysCurrent(store))) await refreshDealDays(store)
      return appended
    })
    swapped = true
  } catch (e) {
    // Ctrl-C stops the import, never restarts it the usual way.
    if (writeState.interrupted) throw e
    return e === invalid ? 'invalid' : null
  } finally {
    if (!swapped) await store.run(`DROP TABLE IF EXISTS ${load}`).catch(() => {})
  }
  // Warnings only, read once the rows have landed.
  return {
    rows,
    inserted: rows,
    references: await unknownReferences(store, entity, table, mapping.columns, 'TRUE'),
    warnings: await overlapWarnings(store, entity, table, 'TRUE'),
  }
}

/** Thrown to drop the load's table and import the usual way. */
const fallBack = new Error('not a clean first load')
/** The same, for a file with bad rows or a key twice: staged in full straight away. */
const invalid = new Error('bad rows')

import { MiernikError } from '../errors.js'
import type { EntityName } from '../model/entities.js'
import { readSettings } from '../store/settings.js'
import { catchUpDealDays } from '../model/deal-days.js'
import type { Store } from '../store/store.js'
import { findRejects } from './find-rejects.js'
import { leanIsClean, leanStaging } from './lean-stage.js'
import { canLoadDirect, loadDirect } from './load-direct.js'
import { REJECTED, TYPED, type ImportOptions, type ImportReport } from './import-report.js'
import { planRead, type ReadPlan } from './plan-read.js'
import { ownerChecks } from './owner-checks.js'
import { noSideWrites } from './side-writes.js'
import { stageRows } from './stage-rows.js'
import { checksFor, stagingProjection } from './validate.js'
import { writeRejects } from './write-rejects.js'
import { writeRows } from './write-rows.js'

export type { ImportOptions, ImportReport, ReadOptions } from './import-report.js'
export { planRead, type ReadPlan } from './plan-read.js'
export { dropSkippedRows } from './stage-rows.js'

/**
 * Imports one file into an entity: stage it as text typed in SQL, find the rejects with
 * SQL checks, write the valid rows in one transaction, then write the rejects file.
 * All-or-nothing unless `skipInvalid`. Each step returns its part of the report.
 */
export async function importFile(
  store: Store,
  entity: EntityName,
  file: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const plan = await planRead(store, entity, file, options)
  try {
    const run = () => importPlanned(store, file, plan, options)
    return await (store.withBoundedMemory ? store.withBoundedMemory(run) : run())
  } finally {
    await plan.prepared.cleanup()
  }
}

async function importPlanned(
  store: Store,
  file: string,
  plan: ReadPlan,
  options: ImportOptions,
): Promise<ImportReport> {
  const { mapping, layout } = plan
  const progress = options.onProgress ?? (() => {})
  const settings = await readSettings(store)
  const staged = stagingProjection(mapping, layout.columns, plan.dialect, settings.base_currency)

  const checks = [
    ...checksFor(mapping, staged, plan.dialect),
    ...(options.onlyReps ? ownerChecks(mapping, staged, options.onlyReps) : []),
  ]
  let lean = store.dialect.sharesSubexpressions
    ? leanStaging(staged, checks, store.dialect.quoteIdent)
    : null
  const observedAt = options.observedAt ?? new Date().toISOString()
  if (canLoadDirect(store, plan, lean, options)) {
    const loaded = await loadDirect(store, file, plan, lean, observedAt, progress)
    if (loaded === 'invalid') lean = null
    // The deals per day were rebuilt with the swap.
    else if (loaded) return { ...emptyReport(file, plan, options), ...loaded }
  }
  let found: Awaited<ReturnType<typeof findRejects>> = { errors: [], rejected: 0 }
  let { rows, skipped } = lean
    ? await stageRows(store, file, plan, lean.projection, progress, !!mapping.collapseStageRepeats)
    : await stageRows(store, file, plan, staged.projection, progress)
  progress(`read ${rows.toLocaleString('en')} rows; validating`)
  if (!lean || !(await leanIsClean(store, mapping.entity, lean))) {
    // Bad rows: staged again with their cells as written, for the messages and rejects file.
    if (lean) ({ rows, skipped } = await stageRows(store, file, plan, staged.projection, progress))
    found = await findRejects(store, mapping.entity, plan, checks, options.maxErrors ?? 1000)
  }
  const { errors, rejected } = found
  const report: ImportReport = {
    ...emptyReport(file, plan, options),
    rows,
    rejected,
    skipped,
    errors,
  }
  if (rejected > 0 && !options.skipInvalid) {
    if (options.rejectsWhenRefused && !options.dryRun)
      report.rejectsFile = await writeRejects(store, file, plan, staged)
    await store.run(`DROP TABLE IF EXISTS ${TYPED}`)
    throw new MiernikError(
      'IMPORT_REJECTED',
      `${file}: ${rejected} of ${rows} rows are invalid; nothing was imported`,
      { details: report },
    )
  }
  const validWhere =
    rejected > 0 ? `NOT EXISTS (SELECT 1 FROM ${REJECTED} r WHERE r.rec = s._rec)` : 'TRUE'
  const writing = `writing ${(rows - rejected).toLocaleString('en')} rows to ${mapping.entity}`
  if (!options.dryRun) progress(writing)
  Object.assign(
    report,
    await writeRows(store, mapping, validWhere, {
      dryRun: !!options.dryRun,
      observedAt,
      onProgress: (pct) => progress(`${writing}: ${pct.toFixed(0)}%`),
    }),
  )
  if (options.dryRun) return report
  await catchUpDealDays(store)
  if (rejected > 0) report.rejectsFile = await writeRejects(store, file, plan, staged)
  await store.run(`DROP TABLE IF EXISTS ${TYPED}`)
  return report
}

/** The report of an import that has read nothing and written nothing yet. */
function emptyReport(
  file: string,
  { mapping, prepared }: ReadPlan,
  options: ImportOptions,
): ImportReport {
  return {
    entity: mapping.entity,
    file,
    source: mapping.source,
    encoding: prepared.encoding,
    rows: 0,
    rejected: 0,
    skipped: [],
    errors: [],
    ignoredColumns: mapping.ignored,
    references: [],
    warnings: [],
    rejectsFile: null,
    dryRun: !!options.dryRun,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    ...noSideWrites,
  }
}

import { MiernikError } from '../../errors.js'
import { importFile, type ImportReport, type ReadOptions } from '../../ingest/import-file.js'
import { entityNames, isEntityName } from '../../model/entities.js'
import { existsSync } from 'node:fs'
import { observedAt } from '../../ingest/observed-at.js'
import { defaultDbPath, engineOf, openStore } from '../../store/open-store.js'
import { endProgress, progressReporter, type Io } from '../io.js'
import { auditCli } from '../audit-cli.js'

export interface ImportOptions extends ReadOptions {
  db?: string
  skipInvalid?: boolean
  dryRun?: boolean
  exportedAt?: string
}

export async function importCommand(
  entity: string,
  file: string,
  options: ImportOptions,
  io: Io,
): Promise<number> {
  if (!isEntityName(entity)) {
    throw new MiernikError(
      'USAGE',
      `unknown entity '${entity}': use one of ${entityNames.join(', ')}`,
    )
  }
  // Said before the database is opened: a missing file is not the database's problem.
  if (!existsSync(file)) throw new MiernikError('INVALID_FILE', `${file}: no such file`)
  // A dry run writes nothing, not even a new database file: it checks against an empty one.
  const where = options.db || process.env.MIERNIK_DB || defaultDbPath
  const scratch = options.dryRun && engineOf(where) === 'duckdb' && !existsSync(where)
  const store = await openStore(scratch ? ':memory:' : options.db, { create: true })
  try {
    const progress = progressReporter(io)
    let report: ImportReport
    try {
      report = await importFile(store, entity, file, {
        ...readOptions(options),
        skipInvalid: !!options.skipInvalid,
        dryRun: !!options.dryRun,
        // The snapshot's time: given, or read once here at the edge.
        observedAt: observedAt(options.exportedAt, new Date()),
        ...(progress ? { onProgress: progress } : {}),
      })
    } catch (e) {
      endProgress(io)
      if (e instanceof MiernikError && e.code === 'IMPORT_REJECTED') {
        printErrors(e.details as ImportReport, io)
      }
      throw e
    }
    endProgress(io)
    printReport(report, io)
    if (!report.dryRun && !scratch) {
      await auditCli(store, {
        action: 'import',
        target: `${entity} ${file}`,
        ok: true,
        detail: `${report.rows} rows read, ${report.rejected} rejected`,
      })
    }
    return report.rejected > 0 ? 1 : 0
  } finally {
    await store.close()
  }
}

/** The read options of a command's parsed flags. */
export function readOptions(o: ReadOptions): ReadOptions {
  const picked: ReadOptions = {}
  if (o.preset) picked.preset = o.preset
  if (o.mapping) picked.mapping = o.mapping
  if (o.dateFormat) picked.dateFormat = o.dateFormat
  if (o.decimal) picked.decimal = o.decimal
  if (o.encoding) picked.encoding = o.encoding
  if (o.sheet) picked.sheet = o.sheet
  return picked
}

function printErrors(report: ImportReport, io: Io): void {
  for (const e of report.errors) {
    const value = e.value === null ? 'empty' : `'${e.value}'`
    io.err(`${report.file}:${e.line}: ${e.column} = ${value}: ${e.reason}`)
  }
  if (report.errors.length < report.rejected)
    io.err(`... and more; ${report.rejected} rows rejected in all`)
}

function printReport(r: ImportReport, io: Io): void {
  if (r.rejected > 0) printErrors(r, io)
  const verb = r.dryRun ? 'checked (dry run, nothing written)' : 'imported'
  const how = r.source === 'native' ? '' : ` as a ${r.source} export`
  const encoding = r.encoding === 'utf-8' ? '' : ` (${r.encoding})`
  io.out(`${r.entity}: ${r.rows} rows read from ${r.file}${encoding}${how}, ${verb}`)
  io.out(
    `  ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged${r.dryRun ? ' (would be)' : ''}`,
  )
  if (r.rejected > 0) {
    io.out(`  ${r.rejected} rejected${r.rejectsFile ? `, written to ${r.rejectsFile}` : ''}`)
  }
  for (const s of r.skipped) io.out(`  ${s.rows} left out: ${s.why}`)
  if (r.stageChanges) io.out(`  ${r.stageChanges} stage changes recorded`)
  if (r.stages) io.out(`  ${r.stages} stages added for pipelines not known before`)
  if (r.changesLogged)
    io.out(`  ${r.changesLogged} field changes logged (stage, status, amount, close date)`)
  if (r.createdReps) io.out(`  ${r.createdReps} reps created from owner names`)
  if (r.teamMoves) io.out(`  ${r.teamMoves} team moves recorded in rep_teams`)
  if (r.createdAccounts) io.out(`  ${r.createdAccounts} accounts created from the file`)
  if (r.ignoredColumns.length)
    io.out(`  ignored columns (not part of ${r.entity}): ${r.ignoredColumns.join(', ')}`)
  for (const w of r.warnings) io.out(`  warning: ${w}`)
  for (const w of r.references) {
    io.out(
      `  warning: ${w.rows} rows have a ${w.column} not found in ${w.entity} (e.g. ${w.examples.join(', ')})`,
    )
  }
}

import { MiernikError } from '../../errors.js'
import { importFile, type ImportReport } from '../../ingest/import-file.js'
import { entityNames, isEntityName } from '../../model/entities.js'
import { openStore } from '../../store/open-store.js'
import { endProgress, progressReporter, type Io } from '../io.js'

export interface ImportOptions {
  db?: string
  skipInvalid?: boolean
  dryRun?: boolean
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
  const store = await openStore(options.db, { create: true })
  try {
    const progress = progressReporter(io)
    let report: ImportReport
    try {
      report = await importFile(store, entity, file, {
        skipInvalid: !!options.skipInvalid,
        dryRun: !!options.dryRun,
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
    return report.rejected > 0 ? 1 : 0
  } finally {
    await store.close()
  }
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
  io.out(`${r.entity}: ${r.rows} rows read from ${r.file}, ${verb}`)
  io.out(
    `  ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged${r.dryRun ? ' (would be)' : ''}`,
  )
  if (r.rejected > 0) {
    io.out(`  ${r.rejected} rejected${r.rejectsFile ? `, written to ${r.rejectsFile}` : ''}`)
  }
  if (r.ignoredColumns.length)
    io.out(`  ignored columns (not part of ${r.entity}): ${r.ignoredColumns.join(', ')}`)
  for (const w of r.references) {
    io.out(
      `  warning: ${w.rows} rows have a ${w.column} not found in ${w.entity} (e.g. ${w.examples.join(', ')})`,
    )
  }
}

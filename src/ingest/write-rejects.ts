import { basename, dirname, join } from 'node:path'
import type { Store } from '../store/store.js'
import { REJECTED, TYPED } from './import-report.js'
import type { ReadPlan } from './plan-read.js'
import { csvCellSql } from '../format/csv-cell.js'
import type { Staged } from './validate.js'

/**
 * Write the rejects file: the rejected records as the file had them, with their line and
 * every reason, beside the input. Written once the valid rows have landed, so a failed
 * import leaves no rejects file behind.
 */
export async function writeRejects(
  store: Store,
  file: string,
  { layout }: ReadPlan,
  staged: Staged,
): Promise<string> {
  const q = store.dialect.quoteIdent
  const rejectsFile = join(dirname(file), `${basename(file)}.rejects.csv`)
  // Cells as the file had them, made safe to open in a spreadsheet (see csvCell).
  const fileColumns = layout.columns
    .map((c) => `${csvCellSql(`s.${q(staged.cellOf.get(c) as string)}`, store.dialect)} AS ${q(c)}`)
    .join(', ')
  await store.exportCsv(
    `SELECT s._line AS line, ${fileColumns}, ${csvCellSql('r.reason', store.dialect)} AS reason FROM ${TYPED} s JOIN ${REJECTED} r ON r.rec = s._rec ORDER BY s._rec`,
    [],
    rejectsFile,
  )
  return rejectsFile
}

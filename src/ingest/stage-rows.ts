import type { Store } from '../store/store.js'
import { TYPED, type Skipped } from './import-report.js'
import type { FileMapping } from './mapping/file-mapping.js'
import { namingInput, type ReadPlan } from './plan-read.js'
import { stageRepeatsSql } from './side-writes.js'
import type { Staged } from './validate.js'

/**
 * Stage: the file read and typed in one pass into the staging table (the checks, the
 * upsert and the warnings all read it), less the rows the mapping leaves out on purpose.
 */
export async function stageRows(
  store: Store,
  file: string,
  { prepared, layout, mapping }: ReadPlan,
  staged: Staged,
  progress: (message: string) => void,
): Promise<{ rows: number; skipped: Skipped }> {
  progress(`reading ${file}`)
  let rows = await store
    .stageFile(TYPED, prepared.path, layout, staged.projection, {
      onProgress: (pct) => progress(`reading ${file}: ${pct.toFixed(0)}%`),
    })
    .catch((e: unknown) => {
      throw namingInput(e, prepared.path, file)
    })
  if (prepared.lineOffset)
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

import { entities, type EntityName } from '../model/entities.js'
import { readSettings } from '../store/settings.js'
import type { Row, Store } from '../store/store.js'
import type { ReadOptions } from './import-report.js'
import { planRead } from './plan-read.js'
import { dropSkippedRows } from './stage-rows.js'
import type { Encoding } from './readers/prepare-file.js'
import { anyBadSql, checksFor, errorsSql, stagingProjection, type RowError } from './validate.js'

/** What `miernik inspect` tells about a file before it is imported. */
export interface Inspection {
  file: string
  entity: EntityName
  source: string
  encoding: Encoding
  format: string
  delimiter: string | null
  sheet: string | null
  footerLines: string[]
  rows: number
  /** File column → what it becomes ('ignored' when nothing reads it). */
  columns: { column: string; becomes: string[] }[]
  /** Entity columns the file does not provide (defaults or empty). */
  unmapped: string[]
  /** Rows as they would be stored. */
  sample: Row[]
  /** Rows that would be rejected, and the first reasons. */
  invalidRows: number
  errors: RowError[]
  /** Slashed dates and the day/month orders they fit. */
  slashedDates: { column: string; example: string; fits: string[] }[]
}

const STAGED = 'miernik_inspect'

/** Reads a file as an import would, into a scratch table, and describes the result. */
export async function inspectFile(
  store: Store,
  entity: EntityName,
  file: string,
  options: ReadOptions & { sampleRows?: number } = {},
): Promise<Inspection> {
  const { prepared, layout, mapping, dialect } = await planRead(store, entity, file, options)
  try {
    const settings = await readSettings(store)
    const staged = stagingProjection(mapping, layout.columns, dialect, settings.base_currency)
    let rows = await store.stageFile(STAGED, prepared.path, layout, staged.projection)
    // As the import would: rows deleted in the CRM and repeated history rows are left out.
    for (const s of await dropSkippedRows(store, STAGED, mapping)) rows -= s.rows
    const becomes = new Map<string, string[]>()
    const add = (column: string, what: string) =>
      becomes.set(column, [...(becomes.get(column) ?? []), what])
    for (const [canonical, source] of mapping.columns)
      for (const c of source.from) add(c, canonical)
    for (const x of mapping.extras) for (const c of x.from) add(c, extraMeaning(x.name, mapping))
    const q = store.dialect.quoteIdent
    const entityColumns = [...mapping.columns.keys()]
    const sample = await store.query(
      `SELECT ${entityColumns.map((c) => `CAST(${q(c)} AS ${store.dialect.columnType('text')}) AS ${q(c)}`).join(', ')}
         FROM ${STAGED} ORDER BY _rec LIMIT ${options.sampleRows ?? 5}`,
    )
    const checks = checksFor(mapping, staged, dialect)
    const [bad] = await store.query(
      `SELECT COUNT(*) AS n FROM ${STAGED} s WHERE ${anyBadSql(checks)}`,
    )
    const errors = (await store.query(errorsSql(STAGED, checks, 10))).map((r) => ({
      line: Number(r.line) + prepared.lineOffset,
      column: String(r.col),
      value: r.value === null ? null : String(r.value),
      reason: String(r.reason),
    }))
    const slashedDates = await slashed(store, mapping.columns, staged.cellOf)
    await store.run(`DROP TABLE IF EXISTS ${STAGED}`)
    return {
      file,
      entity,
      source: mapping.source,
      encoding: prepared.encoding,
      format: prepared.source === 'xlsx' ? 'xlsx' : layout.format,
      delimiter: layout.format === 'csv' && prepared.source !== 'xlsx' ? layout.delimiter : null,
      sheet: prepared.sheet ?? null,
      footerLines: prepared.footerLines,
      rows,
      columns: layout.columns.map((column) => ({ column, becomes: becomes.get(column) ?? [] })),
      unmapped: entities[entity].columns.map((c) => c.name).filter((c) => !mapping.columns.has(c)),
      sample,
      invalidRows: Number(bad?.n ?? 0),
      errors,
      slashedDates,
    }
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${STAGED}`)
    await prepared.cleanup()
  }
}

function extraMeaning(
  name: string,
  mapping: { stageDates?: { extra: string; stage: string; pipeline: string }[] },
): string {
  const stage = mapping.stageDates?.find((x) => x.extra === name)
  if (stage) return `stage history: entered ${stage.stage} (${stage.pipeline})`
  if (name === 'account_name') return 'name of accounts created'
  if (name === 'last_stage_change') return 'time of the last stage move'
  return name
}

/**
 * For each date column read from slashed cells (4/8/2025), which of day-first and
 * month-first every value fits: a file is one or the other, and only the user knows
 * which when both fit.
 */
async function slashed(
  store: Store,
  columns: ReadonlyMap<string, { from: string[] }>,
  cellOf: ReadonlyMap<string, string>,
): Promise<Inspection['slashedDates']> {
  const d = store.dialect
  const found: Inspection['slashedDates'] = []
  const seen = new Set<string>()
  for (const source of columns.values()) {
    for (const column of source.from) {
      const cell = cellOf.get(column)
      if (!cell || seen.has(column)) continue
      seen.add(column)
      const c = `TRIM(${d.quoteIdent(cell)})`
      const shape = d.fullMatch(c, '[0-9]{1,2}[/-][0-9]{1,2}[/-][0-9]{2,4}([ T].*)?')
      const first = `CAST(split_part(split_part(${c}, ' ', 1), '/', 1) AS INTEGER)`
      const second = `CAST(split_part(split_part(${c}, ' ', 1), '/', 2) AS INTEGER)`
      const [row] = await store.query(
        `SELECT MIN(${c}) AS example, COUNT(*) AS n,
            COUNT(*) FILTER (WHERE ${first} > 12) AS day_first, COUNT(*) FILTER (WHERE ${second} > 12) AS month_first
           FROM ${STAGED} WHERE ${shape} AND ${c} LIKE '%/%'`,
      )
      if (!row || Number(row.n) === 0) continue
      const fits: string[] = []
      if (Number(row.month_first) === 0) fits.push('DD/MM/YYYY')
      if (Number(row.day_first) === 0) fits.push('MM/DD/YYYY')
      found.push({ column, example: String(row.example), fits })
    }
  }
  return found
}

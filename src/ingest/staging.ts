import { entities, type ColumnSpec } from '../model/entities.js'
import type { Dialect } from '../store/dialect.js'
import type { ColumnSource, FileMapping } from './mapping/file-mapping.js'

// Stage: how a file's text cells become the entity's typed columns in the staging table.

/**
 * Whether a column keeps its cell as written (raw_<column>) beside the typed value: those
 * whose typed value can differ from the text (dates, numbers, case-folded codes). A plain
 * text column's typed value is its trimmed cell, so it serves for messages as it is —
 * and a 1M-row file is not stored twice.
 */
export function keepsRaw(c: ColumnSpec): boolean {
  return (
    c.type !== 'text' || c.values !== undefined || c.name === 'currency' || c.default !== undefined
  )
}

/** The column holding a cell as shown in messages and the rejects file. */
export function rawName(c: ColumnSpec): string {
  return keepsRaw(c) ? `raw_${c.name}` : c.name
}

/** What the staging table holds besides the typed columns, for checks and messages. */
export interface Staged {
  /** SELECT list over the file's text columns. */
  projection: string
  /** File column → staged column holding its cell as written (the rejects file). */
  cellOf: Map<string, string>
  /** Canonical column → staged column shown as the offending value in messages. */
  shownOf: Map<string, string>
  /** Canonical column → how messages name it ('Close Date' → closed_on for presets). */
  labelOf: Map<string, string>
  /** Staged column → its SQL over the file's text columns (the projection, item by item). */
  sqlOf: Map<string, string>
  /**
   * The staged columns the write reads: the entity's typed columns, the mapping's typed
   * extras and _skip. The rest (raw cells, f_<n>) only serve messages and the rejects file.
   */
  written: string[]
}

/**
 * The SELECT list that types a file's text columns into the entity's columns (defaults
 * filled in, text trimmed), keeping raw values where they differ (see keepsRaw), the
 * mapping's extra columns and, for presets, every cell as written (f_<n>): a preset's
 * value is computed, so messages show the cell it came from.
 */
export function stagingProjection(
  mapping: FileMapping,
  fileColumns: readonly string[],
  dialect: Dialect,
  baseCurrency: string,
): Staged {
  const q = dialect.quoteIdent
  const native = mapping.source === 'native'
  const columns = entities[mapping.entity].columns
  const present = mapping.columns
  const sqlOf = new Map<string, string>()
  const written: string[] = []
  const add = (name: string, sql: string, write = false) => {
    sqlOf.set(name, sql)
    if (write) written.push(name)
  }
  for (const c of columns) add(c.name, typedExpr(c, present, dialect, baseCurrency), true)
  const cellOf = new Map<string, string>()
  const shownOf = new Map<string, string>()
  const labelOf = new Map<string, string>()
  for (const c of columns) {
    const source = present.get(c.name)
    if (!source) continue
    if (keepsRaw(c)) {
      // Native: the cell as written; a preset: the text before typing (what failed to parse).
      add(rawName(c), native ? q(source.from[0] as string) : source.sql)
    }
    if (native) cellOf.set(source.from[0] as string, rawName(c))
    shownOf.set(c.name, rawName(c))
    labelOf.set(c.name, c.name)
  }
  for (const x of mapping.extras) {
    add(x.name, dialect.tryCast(x.sql, x.type), true)
    add(`raw_${x.name}`, x.sql)
  }
  fileColumns.forEach((c, i) => {
    if (cellOf.has(c)) return
    cellOf.set(c, `f_${i}`)
    add(`f_${i}`, q(c))
  })
  if (!native) {
    for (const c of columns) {
      const from = present.get(c.name)?.from ?? []
      if (from.length === 0) continue
      shownOf.set(c.name, cellOf.get(from[0] as string) as string)
      if (from.length > 1 || from[0] !== c.name)
        labelOf.set(c.name, `${from.join(' / ')} → ${c.name}`)
    }
  }
  if (mapping.skipRow) add('_skip', `COALESCE(${mapping.skipRow.sql}, FALSE)`, true)
  const projection = [...sqlOf].map(([name, sql]) => `${sql} AS ${q(name)}`).join(', ')
  return { projection, cellOf, shownOf, labelOf, sqlOf, written }
}

function typedExpr(
  c: ColumnSpec,
  present: ReadonlyMap<string, ColumnSource>,
  d: Dialect,
  baseCurrency: string,
): string {
  const source = present.get(c.name)
  const fallback = defaultSql(c, present, baseCurrency)
  if (source === undefined) {
    return c.type === 'text'
      ? fallback === 'NULL'
        ? `CAST(NULL AS ${d.columnType('text')})`
        : fallback
      : `CAST(${fallback} AS ${d.columnType(c.type)})`
  }
  let text = source.sql
  if (c.values) text = `LOWER(${text})`
  if (c.name === 'currency') text = `UPPER(${text})`
  if (fallback !== 'NULL') text = `COALESCE(${text}, ${fallback})`
  return c.type === 'text' ? text : d.tryCast(text, c.type)
}

function defaultSql(
  c: ColumnSpec,
  present: ReadonlyMap<string, ColumnSource>,
  baseCurrency: string,
): string {
  const literal = (v: string) => `'${v.replaceAll("'", "''")}'`
  if (c.default === undefined) return 'NULL'
  if (typeof c.default === 'string') return literal(c.default)
  if ('setting' in c.default) return literal(baseCurrency)
  // Built from other raw cells: NULL when any of them is missing, and then the key check reports it.
  const parts = c.default.concat.map((n) => present.get(n))
  if (parts.some((p) => p === undefined)) return 'NULL'
  return parts.map((p) => `COALESCE(${(p as ColumnSource).sql}, '')`).join(` || '/' || `)
}

import { entities, type ColumnSpec, type EntityName } from '../model/entities.js'
import type { Dialect } from '../store/dialect.js'

/** One reason a staged row cannot be imported. */
export interface RowError {
  line: number
  column: string
  value: string | null
  reason: string
}

/** A check over the typed staging view: `bad` is SQL true for a bad row. */
interface Check {
  column: string
  reason: string
  bad: string
  /** SQL of the offending value, shown in the report. */
  value: string
}

const typeNames: Record<ColumnSpec['type'], string> = {
  text: 'text',
  date: 'not a date (expected YYYY-MM-DD)',
  timestamp: 'not a date-time (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, optional offset)',
  decimal: 'not a number (expected a decimal such as 1250.50)',
  rate: 'not a number (expected a decimal such as 1.0835)',
  integer: 'not a whole number',
  boolean: 'not a boolean (expected true or false)',
}

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

/**
 * The SELECT list that types a file's text columns into the entity's columns (defaults
 * filled in, text trimmed), keeping raw cells where they differ (see keepsRaw). `present`
 * maps each canonical column found in the file to the file's own column name.
 */
export function typedProjection(
  entity: EntityName,
  present: Map<string, string>,
  dialect: Dialect,
  baseCurrency: string,
): string {
  const q = dialect.quoteIdent
  const exprs = entities[entity].columns.map(
    (c) => `${typedExpr(c, present, dialect, baseCurrency)} AS ${q(c.name)}`,
  )
  const raws = entities[entity].columns
    .filter((c) => present.has(c.name) && keepsRaw(c))
    .map((c) => `${q(present.get(c.name) as string)} AS ${q(rawName(c))}`)
  return [...exprs, ...raws].join(', ')
}

function typedExpr(
  c: ColumnSpec,
  present: Map<string, string>,
  d: Dialect,
  baseCurrency: string,
): string {
  const fileColumn = present.get(c.name)
  const fallback = defaultSql(c, present, d, baseCurrency)
  if (fileColumn === undefined) {
    return c.type === 'text'
      ? fallback === 'NULL'
        ? `CAST(NULL AS ${d.columnType('text')})`
        : fallback
      : `CAST(${fallback} AS ${d.columnType(c.type)})`
  }
  let text = `NULLIF(TRIM(${d.quoteIdent(fileColumn)}), '')`
  if (c.values) text = `LOWER(${text})`
  if (c.name === 'currency') text = `UPPER(${text})`
  if (fallback !== 'NULL') text = `COALESCE(${text}, ${fallback})`
  return c.type === 'text' ? text : d.tryCast(text, c.type)
}

function defaultSql(
  c: ColumnSpec,
  present: Map<string, string>,
  d: Dialect,
  baseCurrency: string,
): string {
  const literal = (v: string) => `'${v.replaceAll("'", "''")}'`
  if (c.default === undefined) return 'NULL'
  if (typeof c.default === 'string') return literal(c.default)
  if ('setting' in c.default) return literal(baseCurrency)
  // Built from other raw cells: NULL when any of them is missing, and then the key check reports it.
  const parts = c.default.concat.map((n) => present.get(n))
  if (parts.some((p) => p === undefined)) return 'NULL'
  return parts.map((p) => `TRIM(${d.quoteIdent(p as string)})`).join(` || '/' || `)
}

/** Every check of an entity, for the columns the file has. */
export function checksFor(
  entity: EntityName,
  present: Map<string, string>,
  dialect: Dialect,
): Check[] {
  const spec = entities[entity]
  const checks: Check[] = []
  for (const c of spec.columns) {
    const raw = `"${rawName(c)}"`
    const typed = `"${c.name}"`
    if (!present.has(c.name)) continue
    const empty = `NULLIF(TRIM(${raw}), '') IS NULL`
    if ((c.required || spec.key.includes(c.name)) && c.default === undefined) {
      checks.push({ column: c.name, reason: `${c.name} is required`, bad: empty, value: raw })
    }
    if (c.type !== 'text') {
      checks.push({
        column: c.name,
        reason: typeNames[c.type],
        // A cast to integer rounds '1.5' to 2: a whole number must be written as one.
        bad:
          c.type === 'integer'
            ? `NOT ${empty} AND (${typed} IS NULL OR NOT ${dialect.fullMatch(`TRIM(${raw})`, '[+-]?[0-9]+')})`
            : `NOT ${empty} AND ${typed} IS NULL`,
        value: raw,
      })
    }
    if (c.values) {
      const list = c.values.map((v) => `'${v}'`).join(', ')
      checks.push({
        column: c.name,
        reason: `must be one of ${c.values.join(', ')}`,
        bad: `${typed} IS NOT NULL AND ${typed} NOT IN (${list})`,
        value: raw,
      })
    }
    if (c.name === 'currency') {
      checks.push({
        column: c.name,
        reason: 'not a currency code (expected 3 letters such as EUR)',
        // Three letters, not just three characters ('E1R', '€UR' are not codes).
        bad: `${typed} IS NOT NULL AND NOT ${dialect.fullMatch(typed, '[A-Z]{3}')}`,
        value: raw,
      })
    }
    if (c.nonNegative) {
      checks.push({
        column: c.name,
        reason: 'must not be negative',
        bad: `${typed} < 0`,
        value: raw,
      })
    }
    if (c.range) {
      const [lo, hi] = c.range
      checks.push({
        column: c.name,
        reason: `must be between ${lo} and ${hi}`,
        bad: `(${typed} < ${lo} OR ${typed} > ${hi})`,
        value: raw,
      })
    }
  }
  for (const rule of spec.rules ?? []) {
    const needed = rule.bad.match(/"(\w+)"/g)?.map((m) => m.slice(1, -1)) ?? []
    if (!needed.some((n) => present.has(n))) continue
    // A column the file lacks is what would be stored: an existing row keeps its value (upsert
    // leaves absent columns alone), a new row gets the default (or NULL). So a partial file
    // updating a won deal's amount is not rejected for the closed_on it does not carry.
    const keyMatch = spec.key.map((k) => `t."${k}" = s."${k}"`).join(' AND ')
    const bad = rule.bad.replace(/"(\w+)"/g, (ref, name: string) =>
      present.has(name)
        ? ref
        : `COALESCE((SELECT t."${name}" FROM "${entity}" t WHERE ${keyMatch}), s."${name}")`,
    )
    checks.push({
      column: rule.column,
      reason: rule.reason,
      bad: `COALESCE(${bad}, FALSE)`,
      value: present.has(rule.column)
        ? `"${rawName(spec.columns.find((c) => c.name === rule.column) as ColumnSpec)}"`
        : 'NULL',
    })
  }
  return checks
}

/** One predicate true for any row failing any check (over the view aliased s): one scan decides whether a file is clean. */
export function anyBadSql(checks: Check[]): string {
  return checks.length ? checks.map((c) => `(${c.bad})`).join(' OR ') : 'FALSE'
}

/** All errors of the typed view (aliased s: checks may refer to it), one row per failed check, in file order. */
export function errorsSql(view: string, checks: Check[], limit: number): string {
  if (checks.length === 0)
    return `SELECT 0 AS rec, 0 AS line, '' AS col, '' AS value, '' AS reason WHERE FALSE`
  const parts = checks.map(
    (c) =>
      `SELECT _rec AS rec, _line AS line, '${c.column}' AS col, CAST(${c.value} AS VARCHAR) AS value, '${c.reason.replaceAll("'", "''")}' AS reason FROM ${view} s WHERE ${c.bad}`,
  )
  return `SELECT * FROM (${parts.join('\nUNION ALL\n')}) e ORDER BY line, col LIMIT ${limit}`
}

/** Keys that occur on more than one line of the file; every such line is an error. */
export function duplicateKeysSql(entity: EntityName, view: string): string {
  const key = entities[entity].key.map((k) => `"${k}"`)
  const cols = key.join(', ')
  return `SELECT _rec AS rec, _line AS line, '${entities[entity].key.join('+')}' AS col,
      CAST(${key.length === 1 ? key[0] : `CONCAT_WS('|', ${cols})`} AS VARCHAR) AS value,
      'duplicate key: the file has this ' || '${entities[entity].key.join(' + ')}' || ' on ' || CAST(n AS VARCHAR) || ' lines (first on line ' || CAST(first_line AS VARCHAR) || ')' AS reason
    FROM (SELECT _rec, _line, ${cols}, COUNT(*) OVER (PARTITION BY ${cols}) AS n, MIN(_line) OVER (PARTITION BY ${cols}) AS first_line FROM ${view}) d
    WHERE n > 1 ORDER BY line`
}

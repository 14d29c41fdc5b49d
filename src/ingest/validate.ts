import { entities, type ColumnSpec, type EntityName } from '../model/entities.js'
import type { Dialect } from '../store/dialect.js'
import type { FileMapping } from './mapping/file-mapping.js'
import { cellText } from './mapping/normalise-sql.js'
import { keepsRaw, rawName, type Staged } from './staging.js'

export { keepsRaw, rawName, stagingProjection, type Staged } from './staging.js'

/** One reason a staged row cannot be imported. */
export interface RowError {
  line: number
  column: string
  value: string | null
  reason: string
}

/** A check over the typed staging view: `bad` is SQL true for a bad row. */
export interface Check {
  column: string
  reason: string
  bad: string
  /** SQL of the offending value, shown in the report. */
  value: string
}

/** The years a date may have. */
export const minYear = 1900
export const maxYear = 2999

const typeNames: Record<ColumnSpec['type'], string> = {
  text: 'text',
  date: 'not a date (expected YYYY-MM-DD)',
  timestamp: 'not a date-time (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, optional offset)',
  decimal: 'not a number (expected a decimal such as 1250.50)',
  rate: 'not a number (expected a decimal such as 1.0835)',
  integer: 'not a whole number',
  boolean: 'not a boolean (expected true or false)',
}

/** The type message, with the date-format hint a preset's dates need. */
function typeReason(type: ColumnSpec['type'], mapping: FileMapping): string {
  if (mapping.source === 'native' || (type !== 'date' && type !== 'timestamp'))
    return typeNames[type]
  return mapping.dateHint
    ? `not a date in ${mapping.dateHint} or YYYY-MM-DD[ HH:MM[:SS]] form`
    : 'not a date: expected YYYY-MM-DD[ HH:MM[:SS]] or DD.MM.YYYY; for dates such as 4/8/2025 give --date-format MM/DD/YYYY or DD/MM/YYYY'
}

/** Every check of an entity, for the columns the file has. */
export function checksFor(
  mapping: FileMapping,
  staged: Pick<Staged, 'shownOf' | 'labelOf'>,
  dialect: Dialect,
): Check[] {
  const entity = mapping.entity
  const present = mapping.columns
  const spec = entities[entity]
  const checks: Check[] = []
  for (const c of spec.columns) {
    const raw = `"${rawName(c)}"`
    const typed = `"${c.name}"`
    const source = present.get(c.name)
    if (!source) continue
    const column = staged.labelOf.get(c.name) ?? c.name
    const shown = `"${staged.shownOf.get(c.name) ?? rawName(c)}"`
    // A text column staged as its cell's text is trimmed already (and trimming it again
    // would repeat the cell's whole expression inside the check).
    const trimmed =
      !keepsRaw(c) &&
      source.from.length === 1 &&
      source.sql === cellText(source.from[0] as string, dialect)
    const empty = trimmed ? `${raw} IS NULL` : `${dialect.blankAsNull(raw)} IS NULL`
    if ((c.required || spec.key.includes(c.name)) && c.default === undefined) {
      checks.push({ column, reason: `${c.name} is required`, bad: empty, value: shown })
    }
    if (c.type !== 'text') {
      checks.push({
        column,
        reason: typeReason(c.type, mapping),
        // A cast to integer rounds '1.5' to 2: a whole number must be written as one.
        bad:
          c.type === 'integer'
            ? `NOT ${empty} AND (${typed} IS NULL OR NOT ${dialect.fullMatch(dialect.blankAsNull(raw), '[+-]?[0-9]+')})`
            : `NOT ${empty} AND ${typed} IS NULL`,
        value: shown,
      })
    }
    if (c.type === 'date' || c.type === 'timestamp') {
      // Year 50 is a typo for 2050 or 1950, never a sales date (and JavaScript's Date would
      // read a two-digit year as 19xx).
      checks.push({
        column,
        reason: `year out of range: dates must lie in ${minYear}–${maxYear}`,
        bad: `(${typed} < DATE '${minYear}-01-01' OR ${typed} > DATE '${maxYear}-12-31')`,
        value: shown,
      })
    }
    if (c.values) {
      const list = c.values.map((v) => `'${v}'`).join(', ')
      checks.push({
        column,
        reason: `must be one of ${c.values.join(', ')}`,
        bad: `${typed} IS NOT NULL AND ${typed} NOT IN (${list})`,
        value: shown,
      })
    }
    if (c.name === 'currency') {
      checks.push({
        column,
        reason: 'not a currency code (expected 3 letters such as EUR)',
        // Three letters, not just three characters ('E1R', '€UR' are not codes).
        bad: `${typed} IS NOT NULL AND NOT ${dialect.fullMatch(typed, '[A-Z]{3}')}`,
        value: shown,
      })
    }
    if (c.nonNegative) {
      checks.push({
        column,
        reason: 'must not be negative',
        bad: `${typed} < 0`,
        value: shown,
      })
    }
    if (c.range) {
      const [lo, hi] = c.range
      checks.push({
        column,
        reason: `must be between ${lo} and ${hi}`,
        bad: `(${typed} < ${lo} OR ${typed} > ${hi})`,
        value: shown,
      })
    }
  }
  for (const x of mapping.extras) {
    checks.push({
      column: x.from.join(' / '),
      reason: typeReason(x.type, mapping),
      bad: `"raw_${x.name}" IS NOT NULL AND "${x.name}" IS NULL`,
      value: `"raw_${x.name}"`,
    })
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
    // A cell that is there but does not parse is reported by its type check, not as missing.
    const ruleSpec = spec.columns.find((c) => c.name === rule.column)
    const written =
      ruleSpec && present.has(rule.column) && keepsRaw(ruleSpec)
        ? ` AND NOT (${dialect.blankAsNull(`"${rawName(ruleSpec)}"`)} IS NOT NULL AND "${rule.column}" IS NULL)`
        : ''
    checks.push({
      column: staged.labelOf.get(rule.column) ?? rule.column,
      reason: rule.reason,
      bad: `COALESCE(${bad}${written}, FALSE)`,
      value: present.has(rule.column)
        ? `"${staged.shownOf.get(rule.column) ?? rawName(spec.columns.find((c) => c.name === rule.column) as ColumnSpec)}"`
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
      `SELECT _rec AS rec, _line AS line, '${c.column.replaceAll("'", "''")}' AS col, CAST(${c.value} AS VARCHAR) AS value, '${c.reason.replaceAll("'", "''")}' AS reason FROM ${view} s WHERE ${c.bad}`,
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

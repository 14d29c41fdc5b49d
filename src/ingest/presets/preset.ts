import { columnOf, type EntityName } from '../../model/entities.js'
import type { Dialect } from '../../store/dialect.js'
import type { ColumnSource, ExtraColumn, FileMapping } from '../mapping/file-mapping.js'
import { HeaderIndex } from '../mapping/header-match.js'
import {
  amountText,
  boolText,
  cellText,
  dateText,
  type DateFormat,
} from '../mapping/normalise-sql.js'

/** Options the user gives for a file whose conventions cannot be read off it. */
export interface MappingOptions {
  dateFormat?: DateFormat
  decimal?: '.' | ','
}

/**
 * Builds column SQL for a preset: finds file columns by alias and wraps cells in the
 * normaliser their target type needs.
 */
export class Fields {
  readonly headers: HeaderIndex
  constructor(
    columns: readonly string[],
    readonly dialect: Dialect,
    readonly options: MappingOptions,
  ) {
    this.headers = new HeaderIndex(columns)
  }
  /** The file column for the first alias present. */
  col(...aliases: string[]): string | undefined {
    return this.headers.find(aliases)
  }
  text(column: string): string {
    return cellText(column, this.dialect)
  }
  date(column: string): string {
    return dateText(this.text(column), this.dialect, this.options.dateFormat)
  }
  amount(column: string): string {
    return amountText(this.text(column), this.dialect, this.options.decimal)
  }
  bool(column: string): string {
    return boolText(this.text(column))
  }
  /** The cell normalised for a column type. */
  typed(column: string, type: string): string {
    if (type === 'date' || type === 'timestamp') return this.date(column)
    if (type === 'decimal' || type === 'rate') return this.amount(column)
    if (type === 'boolean') return this.bool(column)
    return this.text(column)
  }
  /** `sql` with each listed value (any case) replaced; others kept. */
  mapValues(sql: string, map: Record<string, string>): string {
    const lit = (s: string) => `'${s.replaceAll("'", "''")}'`
    const cases = Object.entries(map)
      .map(([from, to]) => `WHEN ${lit(from.toLowerCase())} THEN ${lit(to)}`)
      .join(' ')
    return cases ? `CASE LOWER(${sql}) ${cases} ELSE ${sql} END` : sql
  }
}

/** Derived columns: SQL built from several cells, or undefined when the file lacks them. */
export type Derived = Partial<Record<string, ColumnSource | undefined>>

/** How one CRM exports one entity. */
export interface EntityRules {
  /** Canonical column → header aliases (labels, API names, translations), first match wins. */
  columns: Partial<Record<string, readonly string[]>>
  /** Values to rewrite per canonical column (Pipedrive's Polish 'Wygrana' → won). */
  values?: Partial<Record<string, Record<string, string>>>
  /** Columns computed from several cells; sees the simple columns already mapped. */
  derive?(f: Fields, mapped: ReadonlyMap<string, ColumnSource>): Derived
  /** Further parts of the mapping (history, reps to create...). */
  extend?(f: Fields, mapping: FileMapping): void
}

export interface Preset {
  name: string
  label: string
  /** Report footers (Salesforce) are dropped from the end of the file. */
  dropFooters: boolean
  entities: Partial<Record<EntityName, EntityRules>>
  /** How to get the export out of the CRM (README, `inspect`). */
  howToExport: string
}

/** Resolves a preset against a file's headers. */
export function presetMapping(
  preset: Pick<Preset, 'name'>,
  rules: EntityRules,
  entity: EntityName,
  columns: readonly string[],
  dialect: Dialect,
  options: MappingOptions = {},
): FileMapping {
  const f = new Fields(columns, dialect, options)
  const mapped = new Map<string, ColumnSource>()
  for (const [canonical, aliases] of Object.entries(rules.columns)) {
    const column = aliases && f.col(...aliases)
    if (!column) continue
    const spec = columnOf(entity, canonical)
    if (!spec) throw new Error(`preset ${preset.name}: ${entity} has no column ${canonical}`)
    let sql = f.typed(column, spec.type)
    const values = rules.values?.[canonical]
    if (values) sql = f.mapValues(sql, values)
    mapped.set(canonical, { sql, from: [column] })
  }
  for (const [canonical, source] of Object.entries(rules.derive?.(f, mapped) ?? {})) {
    if (source) mapped.set(canonical, source)
  }
  const mapping: FileMapping = {
    entity,
    source: preset.name,
    columns: mapped,
    ignored: [],
    extras: [] as ExtraColumn[],
    createMissing: [],
    ...(options.dateFormat ? { dateHint: options.dateFormat.text } : {}),
  }
  rules.extend?.(f, mapping)
  mapping.ignored = f.headers.unused()
  return mapping
}

import { MiernikError } from '../../errors.js'
import { entities, type ColumnType, type EntityName } from '../../model/entities.js'
import type { Dialect } from '../../store/dialect.js'
import { cellText } from './normalise-sql.js'

/** Where one canonical column's value comes from in a file. */
export interface ColumnSource {
  /** SQL over the file's text columns giving the value to type (NULL when empty). */
  sql: string
  /** File columns it reads (messages, `inspect`, the rejects file). */
  from: string[]
}

/** A typed helper column staged beside the entity's columns (HubSpot's stage dates). */
export interface ExtraColumn {
  name: string
  type: ColumnType
  sql: string
  from: string[]
}

/**
 * How a file becomes rows of an entity: the native format (columns named as the entity's)
 * or a CRM preset / mapping file. The importer stages the file, types these columns,
 * checks them and upserts; the optional parts are extra writes in the same transaction.
 */
export interface FileMapping {
  entity: EntityName
  /** 'native', a preset name or 'mapping file'. */
  source: string
  columns: Map<string, ColumnSource>
  /** File columns nothing reads. */
  ignored: string[]
  extras: ExtraColumn[]
  /** SQL over the file's columns: rows to leave out (a history export's deleted rows). */
  skipRow?: { sql: string; why: string }
  /** Reps / accounts to create for ids given as names (owners in HubSpot, Pipedrive...). */
  createMissing: { entity: 'reps' | 'accounts'; column: string; nameColumn?: string }[]
  /** Stage history carried by the file's own columns (HubSpot's "Date entered" columns). */
  stageDates?: { pipeline: string; stage: string; extra: string; kind: 'open' | 'won' | 'lost' }[]
  /** Stage history built from successive snapshots: the CRM exports none. */
  snapshotHistory?: { lastStageChange: boolean }
  /** A history export writes a row per change of any field: keep only stage moves. */
  collapseStageRepeats?: boolean
  /** Whether date cells are reordered with a user-given format (messages say so). */
  dateHint?: string
}

/** The native format: file columns named exactly as the entity's columns (any case). */
export function nativeMapping(
  entity: EntityName,
  columns: string[],
  dialect: Dialect,
): FileMapping {
  const spec = entities[entity]
  const mapped = new Map<string, ColumnSource>()
  const ignored: string[] = []
  for (const column of columns) {
    const canonical = spec.columns.find((c) => c.name === column.toLowerCase())
    if (canonical && !mapped.has(canonical.name)) {
      mapped.set(canonical.name, { sql: cellText(column, dialect), from: [column] })
    } else ignored.push(column)
  }
  return { entity, source: 'native', columns: mapped, ignored, extras: [], createMissing: [] }
}

/** Refuses a mapping that lacks a required column, naming what the file would need. */
export function checkRequired(mapping: FileMapping, file: string, hint = ''): void {
  const spec = entities[mapping.entity]
  const missing = spec.columns.filter(
    (c) =>
      (c.required || spec.key.includes(c.name)) &&
      c.default === undefined &&
      !mapping.columns.has(c.name),
  )
  if (missing.length === 0) return
  const names = missing.map((c) => c.name).join(', ')
  throw new MiernikError(
    'INVALID_FILE',
    mapping.source === 'native'
      ? `${file}:1: missing required column${missing.length > 1 ? 's' : ''} ${names} for ${mapping.entity} (columns are: ${spec.columns.map((c) => c.name).join(', ')})`
      : `${file}:1: the ${mapping.source} mapping finds no column for ${names} of ${mapping.entity}${hint}`,
  )
}

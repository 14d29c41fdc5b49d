import { MiernikError } from '../errors.js'
import type { EntityName } from '../model/entities.js'
import type { Dialect } from '../store/dialect.js'
import type { FileLayout, Store } from '../store/store.js'
import type { ReadOptions } from './import-report.js'
import { checkRequired, nativeMapping, type FileMapping } from './mapping/file-mapping.js'
import { loadMappingFile } from './mapping/mapping-file.js'
import { parseDateFormat } from './mapping/normalise-sql.js'
import { presetByName } from './presets/index.js'
import { presetMapping } from './presets/preset.js'
import { detectLayout } from './readers/detect-layout.js'
import { prepareFile, type PreparedFile } from './readers/prepare-file.js'

/** The mapping a file would be read with, and the file as the database reads it. */
export interface ReadPlan {
  prepared: PreparedFile
  layout: FileLayout
  mapping: FileMapping
  /** The store's dialect, for this file's cells: build every expression over them with it. */
  dialect: Dialect
}

/** Prepares a file (encoding, footers, workbook) and resolves its mapping. Caller cleans up. */
export async function planRead(
  store: Pick<Store, 'dialect'>,
  entity: EntityName,
  file: string,
  options: ReadOptions = {},
): Promise<ReadPlan> {
  if (options.preset && options.mapping) {
    throw new MiernikError('USAGE', 'give either --preset or --mapping, not both')
  }
  const preset = options.preset ? presetByName(options.preset) : undefined
  const custom = options.mapping ? await loadMappingFile(options.mapping, entity) : undefined
  const rules = preset ? preset.entities[entity] : custom?.rules
  if (preset && !rules) {
    const has = Object.keys(preset.entities).join(', ')
    throw new MiernikError('USAGE', `the ${preset.label} preset reads ${has}, not ${entity}`)
  }
  const prepared = await prepareFile(file, {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
    dropFooters: preset?.dropFooters ?? false,
  })
  try {
    const layout = await detectLayout(prepared.path)
    const dialect = (prepared.ascii && store.dialect.forAsciiCells?.()) || store.dialect
    const dateFormat = options.dateFormat ?? custom?.dateFormat
    const decimal = options.decimal ?? custom?.decimal
    const mapping = rules
      ? presetMapping(preset ?? { name: 'mapping file' }, rules, entity, layout.columns, dialect, {
          ...(dateFormat ? { dateFormat: parseDateFormat(dateFormat) } : {}),
          ...(decimal ? { decimal } : {}),
        })
      : nativeMapping(entity, layout.columns, dialect)
    custom?.check(mapping, file)
    checkRequired(
      mapping,
      file,
      preset
        ? `: is this a ${preset.label} export of ${entity}? Its columns: ${columnList(layout.columns)}`
        : '',
    )
    return { prepared, layout, mapping, dialect }
  } catch (e) {
    await prepared.cleanup()
    throw namingInput(e, prepared.path, file)
  }
}

/** A file's columns for a message: the first 40, each cut to 60 characters. */
function columnList(columns: readonly string[]): string {
  const shown = columns.slice(0, 40).map((c) => (c.length > 60 ? `${c.slice(0, 60)}…` : c))
  return columns.length > shown.length
    ? `${shown.join(', ')}, … (${columns.length} in all)`
    : shown.join(', ')
}

/**
 * An INVALID_FILE error about the file the store read names it: a converted or transcoded
 * temporary copy when the input needed preparing. Name the input instead.
 */
export function namingInput(e: unknown, path: string, file: string): unknown {
  if (!(e instanceof MiernikError) || e.code !== 'INVALID_FILE' || path === file) return e
  return new MiernikError('INVALID_FILE', e.message.replaceAll(path, file), {
    cause: e.cause,
    details: e.details,
  })
}

import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { MiernikError } from '../../errors.js'
import { entities, type EntityName } from '../../model/entities.js'
import type { EntityRules } from '../presets/preset.js'
import type { FileMapping } from './file-mapping.js'
import { parseDateFormat } from './normalise-sql.js'

/**
 * A mapping file for a CRM without a preset:
 * { "columns": { "Deal Title": "name", "Value": "amount", ... },
 *   "values": { "status": { "Gewonnen": "won", "Verloren": "lost" } },
 *   "dateFormat": "DD/MM/YYYY", "decimal": "," }
 * Source columns are matched like preset headers (case, spacing and dashes folded);
 * each must exist in the file.
 */
const mappingSchema = z
  .object({
    entity: z.string().optional(),
    columns: z.record(z.string().min(1), z.string().min(1)),
    values: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    dateFormat: z.string().optional(),
    decimal: z.enum(['.', ',']).optional(),
  })
  .strict()

export interface MappingFile {
  rules: EntityRules
  dateFormat?: string
  decimal?: '.' | ','
  /** Refuses a file lacking a column the mapping names. */
  check(mapping: FileMapping, file: string): void
}

export async function loadMappingFile(path: string, entity: EntityName): Promise<MappingFile> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(path, 'utf8'))
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message
    throw new MiernikError('USAGE', `mapping file ${path}: cannot read it (${why})`)
  }
  const parsed = mappingSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new MiernikError(
      'USAGE',
      `mapping file ${path}: ${issue?.path.join('.') || 'top level'}: ${issue?.message}`,
    )
  }
  const m = parsed.data
  if (m.entity && m.entity !== entity) {
    throw new MiernikError('USAGE', `mapping file ${path} is for ${m.entity}, not ${entity}`)
  }
  const known = entities[entity].columns.map((c) => c.name)
  const columns: Record<string, string[]> = {}
  for (const [source, canonical] of Object.entries(m.columns)) {
    if (!known.includes(canonical)) {
      throw new MiernikError(
        'USAGE',
        `mapping file ${path}: '${source}' maps to '${canonical}', which ${entity} does not have (columns: ${known.join(', ')})`,
      )
    }
    if (columns[canonical]) {
      throw new MiernikError(
        'USAGE',
        `mapping file ${path}: both '${columns[canonical]?.[0]}' and '${source}' map to ${canonical}`,
      )
    }
    columns[canonical] = [source]
  }
  for (const canonical of Object.keys(m.values ?? {})) {
    if (!columns[canonical]) {
      throw new MiernikError(
        'USAGE',
        `mapping file ${path}: values given for ${canonical}, which no column maps to`,
      )
    }
  }
  if (m.dateFormat) parseDateFormat(m.dateFormat) // fails early on a bad format
  return {
    rules: { columns, ...(m.values ? { values: m.values } : {}) },
    ...(m.dateFormat ? { dateFormat: m.dateFormat } : {}),
    ...(m.decimal ? { decimal: m.decimal } : {}),
    check(mapping, file) {
      const missing = Object.entries(columns).filter(
        ([canonical]) => !mapping.columns.has(canonical),
      )
      if (missing.length) {
        throw new MiernikError(
          'INVALID_FILE',
          `${file}:1: no column ${missing.map(([, [s]]) => `'${s}'`).join(', ')} named in mapping file ${path}`,
        )
      }
    },
  }
}

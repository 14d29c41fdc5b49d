import { createReadStream, createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { MiernikError } from '../../errors.js'
import { plainNumber } from './plain-number.js'

type JsonObject = Record<string, unknown>

/**
 * Rewrites a JSON file the store cannot read as it is into JSON Lines of flat records
 * (see {@link flattenRecord}) at `out`, and says whether it did. `file` names the input in
 * messages when `path` is a transcoded copy of it.
 *
 * A JSON document is read whole with JSON.parse. Its records are a top-level array of
 * objects, or the one array of objects an object wraps (Capsule's `{"opportunities":
 * [...]}`; a wrapper of several arrays is an error, since which to import is unknowable).
 * A flat array is left as it is; else the records are written one per line, so line n of
 * the output, the line messages give, is record n.
 *
 * JSON Lines (`.jsonl` or `.ndjson`, or text that is not one JSON document but whose first
 * line is an object) are streamed: flattened line for line, blank lines kept, when a line has
 * nested values, else left as they are.
 */
export async function flattenJson(path: string, out: string, file = path): Promise<boolean> {
  if (['.jsonl', '.ndjson'].includes(extname(path).toLowerCase())) {
    return flattenJsonLines(path, out, file)
  }
  const text = await readDocument(path, file)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    if (startsWithJsonLine(text)) return flattenJsonLines(path, out, file)
    throw new MiernikError('INVALID_FILE', `${file}: not valid JSON (${(e as Error).message})`)
  }
  const records = recordsOf(data, file)
  if (Array.isArray(data) && !records.some(isNested)) return false
  await writeFlat(out, records, file)
  return true
}

async function readDocument(path: string, file: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_STRING_TOO_LONG') throw e
    throw new MiernikError(
      'INVALID_FILE',
      `${file}: too large to read as one JSON document; export JSON Lines or CSV`,
    )
  }
}

/** JSON Lines: the first line holds a whole object. */
function startsWithJsonLine(text: string): boolean {
  const start = text.trimStart()
  const end = start.indexOf('\n')
  try {
    return isObject(JSON.parse(end === -1 ? start : start.slice(0, end)))
  } catch {
    return false
  }
}

/** The records of a JSON document: the array, the array an object wraps, else the object. */
function recordsOf(data: unknown, file: string): JsonObject[] {
  let records: unknown[] = [data]
  if (Array.isArray(data)) records = data
  else if (isObject(data)) records = wrapped(data, file) ?? [data]
  records.forEach((r, i) => {
    if (!isObject(r)) {
      throw new MiernikError('INVALID_FILE', `${file}: record ${i + 1} is not an object`)
    }
  })
  return records as JsonObject[]
}

/**
 * The records an object wraps: its one array of objects, or its only property when that is
 * an empty array (an empty page of an API, `{"opportunities": []}`).
 */
function wrapped(data: JsonObject, file: string): unknown[] | undefined {
  const arrays = Object.entries(data).filter(([, v]) => Array.isArray(v) && v.some(isObject))
  if (arrays.length > 1) {
    throw new MiernikError(
      'INVALID_FILE',
      `${file}: the object wraps several arrays (${arrays.map(([k]) => k).join(', ')}); export one kind of record per file`,
    )
  }
  const values = Object.values(data)
  const empty = values.length === 1 && Array.isArray(values[0]) && values[0].length === 0
  return (arrays[0]?.[1] ?? (empty ? [] : undefined)) as unknown[] | undefined
}

/** Flattens JSON Lines line for line when any line has nested values. */
async function flattenJsonLines(path: string, out: string, file: string): Promise<boolean> {
  let nested = false
  for await (const record of jsonLines(path, file)) {
    if (record && isNested(record)) {
      nested = true
      break
    }
  }
  if (!nested) return false
  await writeFlat(out, jsonLines(path, file), file)
  return true
}

/** Each line of a JSON Lines file: its record, or undefined when blank. */
async function* jsonLines(path: string, file: string): AsyncGenerator<JsonObject | undefined> {
  const input = createReadStream(path, 'utf8')
  try {
    let line = 0
    let record = 0
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line++
      const trimmed = text.trim() // a byte order mark too
      if (trimmed === '') {
        yield undefined
        continue
      }
      record++
      let value: unknown
      try {
        value = JSON.parse(trimmed)
      } catch (e) {
        throw new MiernikError(
          'INVALID_FILE',
          `${file}:${line}: not valid JSON (${(e as Error).message})`,
        )
      }
      if (!isObject(value)) {
        throw new MiernikError('INVALID_FILE', `${file}:${line}: record ${record} is not an object`)
      }
      yield value
    }
  } finally {
    input.destroy()
  }
}

/** Records as JSON Lines of flat records; undefined (a blank line) as a blank line. */
async function writeFlat(
  out: string,
  records: Iterable<JsonObject | undefined> | AsyncIterable<JsonObject | undefined>,
  file: string,
): Promise<void> {
  // Written in chunks of some 64 KB: a write per line takes half as long again.
  async function* chunks() {
    let chunk = ''
    for await (const r of records) {
      chunk += r ? `${JSON.stringify(flattenRecord(r))}\n` : '\n'
      if (chunk.length > 1 << 16) {
        yield chunk
        chunk = ''
      }
    }
    yield chunk
  }
  await pipeline(Readable.from(chunks()), createWriteStream(out)).catch((e: unknown) => {
    // Errors that name their place already (a bad line) pass; a record's depth gets the file.
    if (e instanceof MiernikError && !e.message.startsWith(file))
      throw new MiernikError(e.code, `${file}: ${e.message}`)
    throw e
  })
}

/** Levels of nesting a record may have. */
const maxDepth = 32

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isNested(record: JsonObject): boolean {
  return Object.values(record).some((v) => v !== null && typeof v === 'object')
}

/**
 * A record with nested objects as one level of text columns: nested keys joined with '.'
 * (`value.amount`), arrays joined with '; ' (objects by their `name`, as Capsule's tags),
 * every value a string or null.
 *
 * @example flattenRecord({ value: { amount: 10, currency: 'PLN' }, tags: [{ name: 'a' }, { name: 'b' }] })
 * // { 'value.amount': '10', 'value.currency': 'PLN', tags: 'a; b' }
 */
export function flattenRecord(record: Record<string, unknown>): Record<string, string | null> {
  const flat: Record<string, string | null> = {}
  const walk = (value: unknown, key: string, depth: number): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // A CRM record nests a few levels; thousands are not a record (and would exhaust the stack).
      if (depth > maxDepth)
        throw new MiernikError('INVALID_FILE', `a record nested more than ${maxDepth} levels deep`)
      const entries = Object.entries(value)
      if (entries.length === 0) flat[key] = null
      for (const [k, v] of entries) walk(v, `${key}.${k}`, depth + 1)
    } else {
      flat[key] = valueText(value)
    }
  }
  for (const [key, value] of Object.entries(record)) walk(value, key, 1)
  return flat
}

function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number') return plainNumber(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (Array.isArray(value)) {
    const items = value.map(itemText).filter((t) => t !== null && t !== '')
    return items.length ? items.join('; ') : null
  }
  return JSON.stringify(value)
}

function itemText(item: unknown): string | null {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const name = (item as { name?: unknown }).name
    return name !== undefined && name !== null && typeof name !== 'object'
      ? valueText(name)
      : JSON.stringify(item)
  }
  return valueText(item)
}

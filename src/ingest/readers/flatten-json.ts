import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import { MiernikError } from '../../errors.js'
import { bomEncoding, readHead } from './encoding.js'
import { plainNumber } from './plain-number.js'

/** How a JSON file is built, found by one streaming pass over its bytes. */
export interface JsonShape {
  /** What the first top-level value opens ('[' array, '{' object; undefined: neither). */
  top: '[' | '{' | undefined
  /** Top-level values: 1 for a JSON document, one per record in JSON Lines. */
  values: number
  /** Deepest nesting of arrays and objects: a flat array of flat objects is 2. */
  depth: number
  /** Properties of the first top-level object whose arrays hold objects, in order. */
  arrays: string[]
}

/**
 * Where the records are: the top-level values (JSON Lines, depth 0), the elements of the
 * top-level array (1), or the elements of the array under `key` in a wrapper object (2).
 */
export type RecordsAt = { depth: 0 } | { depth: 1 } | { depth: 2; key: string }

/**
 * Whether a JSON file needs rewriting for the store, and where its records are.
 * undefined: a flat array or JSON Lines of flat objects, read as it is. A wrapper object
 * (Capsule's `{"opportunities": [...]}`) is unwrapped; one holding several arrays of
 * records is an error, since which one to import is unknowable.
 */
export function recordsToFlatten(file: string, shape: JsonShape): RecordsAt | undefined {
  if (shape.top === '[') return shape.depth <= 2 ? undefined : { depth: 1 }
  if (shape.top !== '{') return undefined
  if (shape.values === 1 && shape.arrays.length > 1) {
    throw new MiernikError(
      'INVALID_FILE',
      `${file}: the object wraps several arrays (${shape.arrays.join(', ')}); export one kind of record per file`,
    )
  }
  const [key] = shape.arrays
  if (shape.values === 1 && key !== undefined) return { depth: 2, key }
  return shape.depth <= 1 ? undefined : { depth: 0 }
}

export async function jsonShape(file: string): Promise<JsonShape> {
  const scanner = new JsonScanner(undefined, () => {})
  for await (const chunk of await jsonBytes(file)) scanner.feed(chunk)
  return scanner.shape
}

/**
 * Writes the records of a JSON file to `out` as JSON Lines of flat records (see
 * {@link flattenRecord}), each on the line its record starts on in the input (blank lines
 * fill the gaps), so line numbers in messages point into the original file.
 */
export async function writeFlatJsonLines(file: string, at: RecordsAt, out: string): Promise<void> {
  const output = createWriteStream(out)
  let line = 1
  let pending: string[] = []
  const scanner = new JsonScanner(at, (text, start, n) => {
    let record: unknown
    try {
      record = JSON.parse(text)
    } catch (e) {
      throw new MiernikError(
        'INVALID_FILE',
        `${file}:${start}: record ${n} is not valid JSON (${(e as Error).message})`,
      )
    }
    if (start > line) pending.push('\n'.repeat(start - line))
    line = Math.max(line, start) + 1
    pending.push(`${JSON.stringify(flattenRecord(record as Record<string, unknown>))}\n`)
  })
  try {
    for await (const chunk of await jsonBytes(file)) {
      try {
        scanner.feed(chunk)
      } catch (e) {
        if (e instanceof NotAnObject) {
          throw new MiernikError(
            'INVALID_FILE',
            `${file}:${e.line}: record ${e.record} is not an object`,
          )
        }
        throw e
      }
      if (pending.length) {
        const ready = output.write(pending.join(''))
        pending = []
        if (!ready) await once(output, 'drain')
      }
    }
    output.end()
    await finished(output)
  } catch (e) {
    output.destroy()
    throw e
  }
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
  const walk = (value: unknown, key: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value)
      if (entries.length === 0) flat[key] = null
      for (const [k, v] of entries) walk(v, `${key}.${k}`)
    } else {
      flat[key] = valueText(value)
    }
  }
  for (const [key, value] of Object.entries(record)) walk(value, key)
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

/** The file's bytes after a UTF-8 byte order mark. */
async function jsonBytes(file: string): Promise<AsyncIterable<Buffer>> {
  const start = bomEncoding(await readHead(file, 3)) === 'utf-8' ? 3 : 0
  return createReadStream(file, { start, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>
}

class NotAnObject extends Error {
  constructor(
    readonly record: number,
    readonly line: number,
  ) {
    super(`record ${record} is not an object`)
  }
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const COMMA = 0x2c
const COLON = 0x3a
const NL = 0x0a

/**
 * A byte-level walk over JSON that tracks strings and nesting, nothing more: fast, flat in
 * memory, and enough to learn a file's shape and cut out its records one at a time for
 * JSON.parse. (Structural characters are ASCII, so UTF-8 bytes never fake one.) Not a
 * validator: JSON.parse checks each record, the database checks the rest.
 */
class JsonScanner {
  readonly shape: JsonShape = { top: undefined, values: 0, depth: 0, arrays: [] }
  private readonly stack: number[] = []
  private inString = false
  private escaped = false
  private line = 1
  // Property names at depth 1 of the first top-level value, to find a wrapper's arrays.
  private expectKey = false
  private key: Buffer[] | undefined
  private keyFrom = 0
  private lastKey = ''
  private arrayKey: string | undefined
  private arrayHasObjects = false
  // Records: inside their container, whether the next value is one, and the one being cut.
  private inContainer = false
  private expectRecord = false
  private record: Buffer[] | undefined
  private recordFrom = 0
  private recordLine = 0
  private records = 0

  constructor(
    private readonly at: RecordsAt | undefined,
    private readonly onRecord: (text: string, line: number, record: number) => void,
  ) {}

  feed(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number
      if (b === NL) this.line++
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (b === BACKSLASH) this.escaped = true
        else if (b === QUOTE) {
          this.inString = false
          if (this.key) this.endKey(chunk.subarray(this.keyFrom, i))
        }
        continue
      }
      if (b === 0x20 || b === NL || b === 0x0d || b === 0x09) continue
      const depth = this.stack.length
      switch (b) {
        case QUOTE:
          this.valueStarts(b, i)
          this.inString = true
          if (depth === 1 && this.expectKey && this.shape.values === 0) {
            this.key = []
            this.keyFrom = i + 1
          }
          break
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.valueStarts(b, i)
          this.open(b, depth)
          break
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.close(b, chunk, i)
          break
        case COMMA:
          if (this.stack[depth - 1] === OPEN_OBJECT) this.expectKey = true
          if (this.inContainer && depth === this.at?.depth) this.expectRecord = true
          break
        case COLON:
          this.expectKey = false
          break
        default:
          this.valueStarts(b, i) // a number, true, false or null
      }
    }
    if (this.key) {
      this.key.push(chunk.subarray(this.keyFrom))
      this.keyFrom = 0
    }
    if (this.record) {
      this.record.push(chunk.subarray(this.recordFrom))
      this.recordFrom = 0
    }
  }

  private open(b: number, depth: number): void {
    const first = this.shape.values === 0
    if (depth === 0 && first) this.shape.top ??= b === OPEN_ARRAY ? '[' : '{'
    if (first && depth === 1 && this.stack[0] === OPEN_OBJECT && b === OPEN_ARRAY) {
      this.arrayKey = this.lastKey
      this.arrayHasObjects = false
    }
    if (this.arrayKey !== undefined && depth === 2 && b === OPEN_OBJECT) this.arrayHasObjects = true
    this.stack.push(b)
    this.shape.depth = Math.max(this.shape.depth, this.stack.length)
    this.expectKey = b === OPEN_OBJECT
    const at = this.at
    const container =
      at !== undefined &&
      b === OPEN_ARRAY &&
      ((at.depth === 1 && depth === 0) ||
        (at.depth === 2 && depth === 1 && first && this.lastKey === at.key && !this.records))
    if (container) {
      this.inContainer = true
      this.expectRecord = true
    }
  }

  private close(b: number, chunk: Buffer, i: number): void {
    this.stack.pop()
    const depth = this.stack.length
    if (this.record && depth === this.recordDepth) {
      this.record.push(chunk.subarray(this.recordFrom, i + 1))
      const text = Buffer.concat(this.record).toString('utf8')
      this.record = undefined
      this.onRecord(text, this.recordLine, this.records)
    }
    if (this.inContainer && this.at && this.at.depth > 0 && depth === this.at.depth - 1) {
      this.inContainer = false
    }
    if (depth === 1 && b === CLOSE_ARRAY && this.arrayKey !== undefined) {
      if (this.arrayHasObjects) this.shape.arrays.push(this.arrayKey)
      this.arrayKey = undefined
    }
    if (depth === 0) this.shape.values++
  }

  private get recordDepth(): number {
    return this.at?.depth ?? -1
  }

  /** A value starts at byte i: when it is where a record is due, it must be an object. */
  private valueStarts(b: number, i: number): void {
    const at = this.at
    if (at === undefined || this.stack.length !== at.depth) return
    if (at.depth > 0 && !(this.inContainer && this.expectRecord)) return
    if (at.depth === 0 && this.record) return
    this.expectRecord = false
    this.records++
    if (b !== OPEN_OBJECT) throw new NotAnObject(this.records, this.line)
    this.record = []
    this.recordFrom = i
    this.recordLine = this.line
  }

  private endKey(last: Buffer): void {
    const parts = this.key ?? []
    parts.push(last)
    this.key = undefined
    try {
      this.lastKey = JSON.parse(`"${Buffer.concat(parts).toString('utf8')}"`) as string
    } catch {
      this.lastKey = Buffer.concat(parts).toString('utf8')
    }
  }
}

import { createReadStream } from 'node:fs'
import { extname } from 'node:path'
import { createInterface } from 'node:readline'
import { parse } from 'csv-parse/sync'
import { MiernikError } from '../../errors.js'
import { readHead } from './encoding.js'
import type { FileLayout } from '../../store/store.js'

const delimiters = [',', ';', '\t'] as const

/** Columns a file may have: CRM exports have a few hundred; PostgreSQL tables stop at 1,600. */
export const maxColumns = 1000
/** A header line longer than this is not a header. */
const maxHeaderBytes = 4 * 1024 * 1024

/**
 * Finds how a native file is laid out: CSV (delimiter sniffed from the header line),
 * JSON array or JSON Lines. Column names are the file's own, trimmed; the store reads
 * the rows themselves.
 */
export async function detectLayout(file: string): Promise<FileLayout> {
  const head = (await readHead(file, 64 * 1024)).toString('utf8')
  const text = head.replace(/^\uFEFF/, '')
  const first = text.trimStart()[0]
  const ext = extname(file).toLowerCase()
  if (first === '[' || ext === '.json')
    return { format: 'json', columns: await jsonKeys(file, 'json') }
  if (first === '{' || ext === '.jsonl' || ext === '.ndjson') {
    return { format: 'jsonl', columns: await jsonKeys(file, 'jsonl') }
  }
  const headerLine = (await firstLine(file, text)).replace(/^\uFEFF/, '')
  if (headerLine.trim() === '')
    throw new MiernikError('INVALID_FILE', `${file}: the file is empty (no header line)`)
  const delimiter = sniffDelimiter(headerLine)
  let header: string[] | undefined
  try {
    ;[header] = parse(headerLine, { delimiter, relax_quotes: true }) as string[][]
  } catch (e) {
    throw new MiernikError(
      'INVALID_FILE',
      `${file}:1: cannot read the header line as CSV (${(e as Error).message.slice(0, 200)}): is this a CSV file?`,
    )
  }
  const columns = (header ?? []).map((c) => c.trim())
  checkColumnNames(file, columns)
  return { format: 'csv', delimiter, columns }
}

/** The delimiter that splits the header into the most fields, counting only outside quotes. */
export function sniffDelimiter(line: string): string {
  const counts = new Map<string, number>(delimiters.map((d) => [d, 0]))
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  }
  let best: string = ','
  for (const d of delimiters) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d
  return best
}

/** The header line whole, however long (the first 64 KB are usually enough). */
async function firstLine(file: string, head: string): Promise<string> {
  const end = head.search(/\r?\n/)
  if (end >= 0) return head.slice(0, end)
  const whole = (await readHead(file, maxHeaderBytes + 1)).toString('utf8')
  const at = whole.search(/\r?\n/)
  if (at < 0 && whole.length > maxHeaderBytes)
    throw new MiernikError(
      'INVALID_FILE',
      `${file}:1: the header line is longer than ${maxHeaderBytes / 1024 / 1024} MB: is this a CSV file?`,
    )
  return at < 0 ? whole : whole.slice(0, at)
}

function checkColumnNames(file: string, columns: string[]): void {
  if (columns.length > maxColumns)
    throw new MiernikError(
      'INVALID_FILE',
      `${file}:1: ${columns.length.toLocaleString('en')} columns; Miernik reads files of up to ${maxColumns.toLocaleString('en')}: export the columns you need`,
    )
  const seen = new Set<string>()
  columns.forEach((c, i) => {
    if (c === '') throw new MiernikError('INVALID_FILE', `${file}:1: column ${i + 1} has no name`)
    const k = c.toLowerCase()
    if (seen.has(k))
      throw new MiernikError('INVALID_FILE', `${file}:1: column '${c}' appears twice`)
    seen.add(k)
  })
}

/** The union of keys over all records, in first-seen order. */
async function jsonKeys(file: string, format: 'json' | 'jsonl'): Promise<string[]> {
  const keys = new Set<string>()
  const add = (record: unknown, where: string) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new MiernikError(
        'INVALID_FILE',
        `${file}:${where}: expected an object with the entity's columns`,
      )
    }
    for (const k of Object.keys(record)) keys.add(k)
  }
  if (format === 'json') {
    const { readFile } = await import('node:fs/promises')
    let data: unknown
    try {
      data = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''))
    } catch (e) {
      throw new MiernikError('INVALID_FILE', `${file}: not valid JSON (${(e as Error).message})`)
    }
    if (!Array.isArray(data))
      throw new MiernikError('INVALID_FILE', `${file}: expected a JSON array of objects`)
    data.forEach((r, i) => add(r, `record ${i + 1}`))
  } else {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
    let n = 0
    for await (const line of lines) {
      n++
      const t = line.replace(/^\uFEFF/, '').trim()
      if (t === '') continue
      try {
        add(JSON.parse(t), String(n))
      } catch (e) {
        if (e instanceof MiernikError) throw e
        throw new MiernikError(
          'INVALID_FILE',
          `${file}:${n}: not valid JSON (${(e as Error).message})`,
        )
      }
    }
  }
  const list = [...keys]
  checkColumnNames(file, list)
  return list
}

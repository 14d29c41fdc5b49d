import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { parse } from 'csv-parse'
import { stringify as stringifySync } from 'csv-stringify/sync'
import { MiernikError } from '../../errors.js'
import type { FileLayout } from '../store.js'

// How PostgreSQL reads a file in: checks COPY cannot do, and the file parsed in Node when
// COPY cannot take its bytes as they are.

/**
 * Whether a file has an empty line (DuckDB skips them; PostgreSQL's COPY does not) or a
 * line of just `\.` (COPY's end-of-data mark): such files are parsed here instead.
 */
export async function hasBlankLine(file: string): Promise<boolean> {
  let previous = 0x0a
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    if (
      chunk.includes('\n\n') ||
      chunk.includes('\n\r\n') ||
      // A line of just \. ends COPY's data: the rest of the file would be dropped.
      chunk.includes('\n\\.\n') ||
      chunk.includes('\n\\.\r\n') ||
      (previous === 0x0a && (chunk[0] === 0x0a || chunk[0] === 0x0d))
    ) {
      return true
    }
    previous = chunk[chunk.length - 1] ?? previous
  }
  return false
}

/** Records as CSV text for COPY, a thousand rows a chunk; a reader's error ends the COPY. */
export async function* csvChunks(rows: AsyncIterable<unknown[]>): AsyncGenerator<string> {
  let batch: unknown[][] = []
  for await (const row of rows) {
    batch.push(row)
    if (batch.length === 1000) {
      yield stringifySync(batch)
      batch = []
    }
  }
  if (batch.length) yield stringifySync(batch)
}

/** The file's records as [record number, file line, ...cells], in file order. */
export async function* records(file: string, layout: FileLayout): AsyncGenerator<unknown[]> {
  if (layout.format === 'csv') {
    const parser = createReadStream(file).pipe(
      parse({
        delimiter: layout.delimiter,
        bom: true,
        from_line: 2,
        skip_empty_lines: true,
        info: true,
        // A quote inside an unquoted header cell (HubSpot's Date entered "...") is text.
        relax_quotes: true,
      }),
    )
    let rec = 0
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[]
        info: { lines: number }
      }>) {
        if (record.length !== layout.columns.length) {
          throw new MiernikError(
            'INVALID_FILE',
            `${file}:${info.lines}: expected ${layout.columns.length} fields, found ${record.length}`,
          )
        }
        yield [rec++, info.lines, ...record]
      }
    } catch (e) {
      if (e instanceof MiernikError) throw e
      const err = e as Error & { lines?: number }
      throw new MiernikError(
        'INVALID_FILE',
        `${file}${err.lines ? `:${err.lines}` : ''}: ${err.message}`,
        { cause: e },
      )
    }
    return
  }
  const cell = (v: unknown) =>
    v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v)
  const row = (o: Record<string, unknown>) => layout.columns.map((c) => cell(o[c]))
  if (layout.format === 'json') {
    const data = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as Record<
      string,
      unknown
    >[]
    for (const [rec, o] of data.entries()) yield [rec, rec + 1, ...row(o)]
    return
  }
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let n = 0
  let rec = 0
  for await (const line of lines) {
    n++
    const t = line.replace(/^\uFEFF/, '').trim()
    if (t === '') continue
    yield [rec++, n, ...row(JSON.parse(t) as Record<string, unknown>)]
  }
}

import { createReadStream } from 'node:fs'

/** What one pass over a CSV file's bytes tells before the database reads it. */
export interface CsvScan {
  /** Records after the header, as a CSV parser counts them (blank lines skipped). */
  records: number
  /** The longest record in bytes, and the file line it starts on. */
  longest: { bytes: number; line: number }
  /** The file line of the first NUL byte, or null: NUL is not text. */
  nulLine: number | null
}

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

/**
 * Counts a CSV file's records the way its reader will (a line break inside quotes does not
 * end a record; blank lines are skipped), finds its longest record and any NUL byte: so
 * that a record the reader drops is noticed, a long one is read rather than refused, and
 * binary content is refused with its line, the same on every engine.
 */
export async function scanCsv(path: string): Promise<CsvScan> {
  let quoted = false
  let line = 1
  let records = 0
  let length = 0 // bytes of the current record so far
  let startLine = 1
  let longest = { bytes: 0, line: 1 }
  let nulLine: number | null = null
  /** Bytes [from, to) of a chunk belong to the current record (a CR before LF does not count). */
  const grow = (chunk: Buffer, from: number, to: number) => {
    if (to <= from) return
    let bytes = to - from
    if (!quoted && chunk[to - 1] === CR && chunk[to] === LF) bytes--
    if (length === 0 && bytes > 0) startLine = line
    length += bytes
  }
  const end = () => {
    if (length > 0) {
      records++
      if (length > longest.bytes) longest = { bytes: length, line: startLine }
    }
    length = 0
  }
  for await (const chunk of createReadStream(path, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    if (nulLine === null) {
      const at = chunk.indexOf(0)
      if (at >= 0) nulLine = line + countLf(chunk, 0, at)
    }
    // Jump from quote to line break with indexOf (native) rather than byte by byte.
    let pos = 0
    let q = chunk.indexOf(QUOTE, pos)
    let n = chunk.indexOf(LF, pos)
    while (pos < chunk.length) {
      if (q >= 0 && q < pos) q = chunk.indexOf(QUOTE, pos)
      if (n >= 0 && n < pos) n = chunk.indexOf(LF, pos)
      const next = q < 0 ? n : n < 0 ? q : Math.min(q, n)
      if (next < 0) {
        grow(chunk, pos, chunk.length)
        break
      }
      grow(chunk, pos, next)
      if (next === q) {
        quoted = !quoted
        grow(chunk, next, next + 1)
      } else {
        line++
        if (quoted) grow(chunk, next, next + 1)
        else {
          end()
          startLine = line
        }
      }
      pos = next + 1
    }
  }
  end()
  // The header is a record of its own.
  return { records: Math.max(0, records - 1), longest, nulLine }
}

function countLf(chunk: Buffer, from: number, to: number): number {
  let n = 0
  for (let i = chunk.indexOf(LF, from); i >= 0 && i < to; i = chunk.indexOf(LF, i + 1)) n++
  return n
}

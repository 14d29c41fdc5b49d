import { createReadStream } from 'node:fs'

/**
 * The file line each record starts on, for the records asked for (0 = the first record
 * after a CSV header, or the first JSON line). The database numbers records, not lines;
 * blank lines and line breaks inside quoted CSV cells make the two differ, so when a
 * file has errors this scan turns record numbers into the lines a user sees in an editor.
 * Only run on the error path: a clean import never reads the file twice.
 */
export async function recordLines(
  file: string,
  wanted: ReadonlySet<number>,
  options: { header: boolean; quoted: boolean },
): Promise<Map<number, number>> {
  const found = new Map<number, number>()
  if (wanted.size === 0) return found
  const last = Math.max(...wanted)
  let line = 1
  // The index of the record the next non-empty line starts (the header is -1).
  let record = options.header ? -1 : 0
  let quoted = false
  let lineHasContent = false
  let recordOpen = false
  const NL = 10
  const CR = 13
  const QUOTE = 34
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number
      if (byte === NL) {
        if (!quoted) {
          // A record ends at a line break outside quotes; an empty line is no record.
          if (recordOpen) {
            record++
            recordOpen = false
            if (record > last) return found
          }
          lineHasContent = false
        }
        line++
        continue
      }
      if (byte === CR) continue
      if (!recordOpen && !lineHasContent) {
        recordOpen = true
        if (wanted.has(record)) found.set(record, line)
      }
      lineHasContent = true
      if (options.quoted && byte === QUOTE) quoted = !quoted
    }
  }
  return found
}

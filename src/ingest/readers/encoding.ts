import { isAscii, isUtf8 } from 'node:buffer'
import { createReadStream, createWriteStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import iconv from 'iconv-lite'
import { MiernikError } from '../../errors.js'

/** The encodings CRM exports come in: UTF-8, Excel's "Unicode text" (UTF-16) and the two Windows code pages. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1250' | 'windows-1252'

/**
 * Evidence per byte for a single-byte file. +1: Polish letters in Windows-1250 that are
 * rare symbols in Windows-1252 (Ś Ź ś ź Ł Ą ł ą Ż ż; in 1252 Œ, unused, œ, Ÿ, £, ¥, ³, ¹,
 * ¯, ¿). -1: Western letters in 1252 that 1250 holds for Czech, Slovak, Hungarian or
 * Romanian only (à è ì ò ù ã õ å ø and capitals), never seen in Polish text.
 */
const codePageEvidence = new Int8Array(256)
for (const b of [0x8c, 0x8f, 0x9c, 0x9f, 0xa3, 0xa5, 0xb3, 0xb9, 0xaf, 0xbf])
  codePageEvidence[b] = 1
for (const b of [0xc0, 0xc3, 0xc5, 0xc8, 0xcc, 0xd2, 0xd5, 0xd8, 0xd9]) {
  codePageEvidence[b] = -1
  codePageEvidence[b + 0x20] = -1
}

/**
 * What encoding a text file is in. A byte order mark decides; without one, NUL bytes on
 * every other position in the head mean UTF-16, a file that decodes as UTF-8 from start
 * to end is UTF-8 (streamed, so memory stays flat on large files), and anything else is a
 * Windows code page: 1250 (Polish Excel) when bytes of Polish letters in 1250 appear, else
 * 1252. (Western letters that 1250 would read as Czech or Hungarian ones, à è ø..., count
 * against 1250, so a French file's œ does not make it Polish; a Spanish ¿ still does.)
 *
 * @example await detectEncoding('deals.csv') // 'windows-1250' for a CSV saved by Polish Excel
 */
export async function detectEncoding(file: string): Promise<Encoding> {
  return (await detectText(file)).encoding
}

/** A text file's encoding, and whether its every byte is ASCII (no byte order mark either). */
export interface TextKind {
  encoding: Encoding
  ascii: boolean
}

/** {@link detectEncoding}, telling besides whether the file is ASCII from start to end. */
export async function detectText(file: string): Promise<TextKind> {
  const head = await readHead(file, 4096)
  const marked = bomEncoding(head) ?? utf16WithoutBom(head)
  return marked ? { encoding: marked, ascii: false } : utf8OrCodePage(file)
}

export function bomEncoding(head: Uint8Array): Encoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return undefined
}

/** Mostly-ASCII text in UTF-16 has a NUL in every other byte: odd positions for LE, even for BE. */
function utf16WithoutBom(head: Uint8Array): Encoding | undefined {
  const pairs = head.length >> 1
  if (pairs < 2) return undefined
  let evenNuls = 0
  let oddNuls = 0
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenNuls++
    if (head[i + 1] === 0) oddNuls++
  }
  if (oddNuls >= pairs * 0.3 && evenNuls <= pairs * 0.05) return 'utf-16le'
  if (evenNuls >= pairs * 0.3 && oddNuls <= pairs * 0.05) return 'utf-16be'
  return undefined
}

async function utf8OrCodePage(file: string): Promise<TextKind> {
  let utf8 = true
  let ascii = true
  let polish = 0
  let western = 0
  // A sequence cut by the end of a chunk is checked with the next one.
  let carry: Buffer = Buffer.alloc(0)
  for await (const read of createReadStream(file, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    // ASCII is UTF-8 (and cuts no sequence): the cheaper test first, while it holds.
    if (ascii && isAscii(read)) continue
    ascii = false
    if (utf8) {
      const chunk = carry.length ? Buffer.concat([carry, read]) : read
      const whole = chunk.length - cutSequence(chunk)
      // Validated natively, never decoded: a 1 GB file is not turned into strings.
      if (isUtf8(chunk.subarray(0, whole))) {
        carry = chunk.subarray(whole)
        continue
      }
      utf8 = false
    }
    weigh(read)
  }
  // A sequence cut off at the end of the file is a stray byte: not UTF-8.
  if (utf8 && carry.length === 0) return { encoding: 'utf-8', ascii }
  return {
    encoding: polish > 0 && polish >= western ? 'windows-1250' : 'windows-1252',
    ascii: false,
  }

  // Not UTF-8: weigh the evidence from the chunk that failed on, skipping whatever
  // still reads as UTF-8 (a mostly UTF-8 file with a stray byte).
  function weigh(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number
      if (b < 0x80) continue
      const skip = utf8Sequence(chunk, i)
      if (skip) {
        i += skip - 1
        continue
      }
      const e = codePageEvidence[b] as number
      if (e > 0) polish++
      else if (e < 0) western++
    }
  }
}

/**
 * How many bytes at the end of `chunk` are the start of a multi-byte UTF-8 sequence that
 * the chunk cuts off (0 to 3): left for the next chunk to complete.
 */
function cutSequence(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const b = chunk[chunk.length - back] as number
    if (b < 0x80) return 0
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2
      return length > back ? back : 0
    }
  }
  return 0
}

/** The length of the valid multi-byte UTF-8 sequence at `i`, or 0. */
function utf8Sequence(bytes: Buffer, i: number): number {
  const b = bytes[i] as number
  const length =
    b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
  for (let k = 1; k < length; k++) {
    const c = bytes[i + k]
    if (c === undefined || c < 0x80 || c > 0xbf) return 0
  }
  return length
}

/**
 * Writes `file` decoded from `encoding` as UTF-8 (without a byte order mark) to `out`,
 * streaming. Characters map one to one, line breaks included, so every line keeps its number.
 */
export async function transcodeToUtf8(
  file: string,
  encoding: Encoding,
  out: string,
): Promise<void> {
  await pipeline(
    createReadStream(file, { highWaterMark: 1 << 20 }),
    iconv.decodeStream(encoding, { stripBOM: true }),
    createWriteStream(out, { encoding: 'utf8' }),
  )
}

/** The first `bytes` bytes of a file (fewer when it is shorter). */
export async function readHead(file: string, bytes: number): Promise<Buffer> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch (e) {
    throw new MiernikError(
      'INVALID_FILE',
      `${file}: cannot open (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    )
  }
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

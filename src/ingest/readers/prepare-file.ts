import { copyFile, truncate } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { MiernikError } from '../../errors.js'
import { makeTempDir, removeTempDir } from '../../temp-dirs.js'
import { bomEncoding, detectText, readHead, transcodeToUtf8, type Encoding } from './encoding.js'
import { flattenJson } from './flatten-json.js'
import { findFooter } from './footers.js'
import { looksLikeXlsx, xlsxToCsv } from './xlsx.js'

export { detectEncoding, type Encoding } from './encoding.js'

export interface PreparedFile {
  /** A UTF-8 file (no BOM needed) the store can read: the input itself when nothing had to change. */
  path: string
  /** What the input was. */
  encoding: Encoding
  source: 'csv' | 'json' | 'xlsx'
  /** Trailing report lines dropped (as text), e.g. Salesforce's "Grand Totals (3 records)". */
  footerLines: string[]
  /** Sheet read from an XLSX workbook. */
  sheet?: string
  /** Rows above the header in the original (XLSX title rows) : add to line numbers shown to users. */
  lineOffset: number
  /**
   * A CSV file whose every byte is ASCII, as read: no cell can hold a space other than ' '
   * (see Dialect.forAsciiCells). False wherever that was not checked.
   */
  ascii: boolean
  /** Removes temporary files (safe to call twice). */
  cleanup(): Promise<void>
}

export interface PrepareOptions {
  /** The input's encoding, when detection guesses wrong. */
  encoding?: Encoding
  /** The sheet of an XLSX workbook to read (default: the first). */
  sheet?: string
  /** Drop report footers after the data (Salesforce's totals and notices). Default false. */
  dropFooters?: boolean
}

/**
 * Turns a CRM export as the CRM writes it into a file the store reads: UTF-8 CSV or JSON
 * Lines. Non-UTF-8 text is transcoded line for line, report footers are cut off, a
 * workbook sheet becomes a CSV and nested JSON becomes flat JSON Lines (a JSON document one
 * record per line, so its line numbers are record numbers; see {@link flattenJson}). A
 * UTF-8 file that needs none of this is returned as it is, not copied. Call `cleanup()`
 * when done.
 *
 * @example
 * const prepared = await prepareFile('report.csv', { dropFooters: true })
 * try {
 *   const layout = await detectLayout(prepared.path)
 * } finally {
 *   await prepared.cleanup()
 * }
 */
export async function prepareFile(
  file: string,
  options: PrepareOptions = {},
): Promise<PreparedFile> {
  const head = await readHead(file, 8)
  const temp = new TempDir()
  try {
    if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
      throw new MiernikError(
        'INVALID_FILE',
        `${file}: an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx without a password, or as CSV UTF-8`,
      )
    }
    if (looksLikeXlsx(file, head)) {
      const path = await temp.file(`${stem(file)}.csv`)
      const { sheet, lineOffset } = await xlsxToCsv(file, path, options.sheet)
      const cut = options.dropFooters ? await dropFooter(path, temp) : { path, lines: [] }
      return prepared(temp, {
        path: cut.path,
        encoding: 'utf-8',
        source: 'xlsx',
        footerLines: cut.lines,
        sheet,
        lineOffset,
        ascii: false,
      })
    }
    const { encoding, ascii } = options.encoding
      ? { encoding: options.encoding, ascii: false }
      : await detectText(file)
    let path = file
    if (encoding !== 'utf-8') {
      path = await temp.file(basename(file))
      await transcodeToUtf8(file, encoding, path)
    }
    if (await isJson(path)) {
      const flat = await temp.file(`${stem(file)}.jsonl`)
      if (await flattenJson(path, flat, file)) path = flat
      // JSON strings carry escapes (\u00a0): ASCII bytes say nothing of the values.
      return prepared(temp, {
        path,
        encoding,
        source: 'json',
        footerLines: [],
        lineOffset: 0,
        ascii: false,
      })
    }
    const cut = options.dropFooters ? await dropFooter(path, temp) : { path, lines: [] }
    return prepared(temp, {
      path: cut.path,
      encoding,
      source: 'csv',
      footerLines: cut.lines,
      lineOffset: 0,
      ascii,
    })
  } catch (e) {
    await temp.remove()
    throw e
  }
}

/**
 * Cuts a report footer off a CSV: in place when it is one of our temporary files, else on
 * a byte copy of the input, truncated. The input itself is never changed.
 */
async function dropFooter(path: string, temp: TempDir): Promise<{ path: string; lines: string[] }> {
  const footer = await findFooter(path)
  if (!footer) return { path, lines: [] }
  let target = path
  if (!temp.owns(path)) {
    target = await temp.file(basename(path))
    await copyFile(path, target)
  }
  await truncate(target, footer.offset)
  return { path: target, lines: footer.lines }
}

async function isJson(path: string): Promise<boolean> {
  const ext = extname(path).toLowerCase()
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return true
  const head = await readHead(path, 1024)
  const text = head.subarray(bomEncoding(head) === 'utf-8' ? 3 : 0).toString('utf8')
  const first = text.trimStart()[0]
  return first === '[' || first === '{'
}

function prepared(temp: TempDir, fields: Omit<PreparedFile, 'cleanup'>): PreparedFile {
  return { ...fields, cleanup: () => temp.remove() }
}

function stem(file: string): string {
  const name = basename(file)
  const ext = extname(name)
  return ext ? name.slice(0, -ext.length) : name
}

/** A directory in the system temp dir, made on first use. */
class TempDir {
  private dir: string | undefined
  private readonly files = new Set<string>()

  /** A new path in the directory, named `name` (prefixed by a number if taken). */
  async file(name: string): Promise<string> {
    this.dir ??= makeTempDir()
    let path = join(this.dir, name)
    for (let n = 2; this.files.has(path); n++) path = join(this.dir, `${n}-${name}`)
    this.files.add(path)
    return path
  }

  owns(path: string): boolean {
    return this.files.has(path)
  }

  async remove(): Promise<void> {
    const dir = this.dir
    this.dir = undefined
    this.files.clear()
    if (dir) removeTempDir(dir)
  }
}

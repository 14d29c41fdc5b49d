import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { read, type CellObject, type ParsingOptions, type WorkBook } from '@e965/xlsx'
import { stringify } from 'csv-stringify'
import { MiernikError } from '../../errors.js'
import { plainNumber } from './plain-number.js'
import { checkZipSize } from './zip-size.js'

/** A ZIP archive (PK\x03\x04) or a workbook by its name. */
export function looksLikeXlsx(file: string, head: Uint8Array): boolean {
  return isZip(head) || ['.xlsx', '.xlsm'].includes(extname(file).toLowerCase())
}

function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04
}

export interface SheetCsv {
  sheet: string
  /** Sheet rows above the header row. */
  lineOffset: number
}

/**
 * Writes one sheet of an XLSX workbook (the one named, else the first) to `out` as a
 * UTF-8 CSV. The header is the first row that looks like one (see {@link SheetLayout});
 * below it, CSV line n is sheet row n + lineOffset, empty rows becoming empty lines.
 *
 * SheetJS reads the workbook in memory, parsing only the sheet wanted: as dense rows of
 * cells, dates as Dates, formulas as their cached values. It reads a sheet's XML as one
 * string, so a sheet of more than 512 MB of XML (about a million rows of 15 columns)
 * cannot be read.
 */
export async function xlsxToCsv(file: string, out: string, wanted?: string): Promise<SheetCsv> {
  const data = await readFile(file)
  // SheetJS reads any text as a one-sheet CSV: only a ZIP can be a workbook.
  if (!isZip(data)) throw unreadable(file, new Error('not a ZIP archive'))
  checkZipSize(file, data)
  const workbook = readWorkbook(file, data, { sheets: wanted ?? 0 })
  const names = workbook.SheetNames
  if (names.length === 0) throw unreadable(file, new Error('it has no sheets'))
  const name = wanted ?? (names[0] as string)
  if (!names.includes(name)) {
    const list = names.map((n) => `'${n}'`).join(', ')
    throw new MiernikError(
      'INVALID_FILE',
      `${file}: no sheet named '${name}' (the sheets are: ${list})`,
    )
  }
  // SheetJS leaves out a sheet it fails to parse; WTF makes it throw the reason instead.
  const rows =
    workbook.Sheets[name]?.['!data'] ??
    readWorkbook(file, data, { sheets: name, WTF: true }).Sheets[name]?.['!data']
  if (!rows) throw unreadable(file, new Error(`sheet '${name}' could not be read`))
  const layout = new SheetLayout(`${file}: sheet '${name}'`)
  await pipeline(
    Readable.from(csvRecords(rows, layout)),
    stringify({ quoted_match: /[;\t]/ }),
    createWriteStream(out),
  )
  return { sheet: name, lineOffset: layout.lineOffset }
}

/** The workbook with the sheets `options.sheets` picks (by index, or by name ignoring case). */
function readWorkbook(file: string, data: Buffer, options: ParsingOptions): WorkBook {
  try {
    return read(data, {
      type: 'buffer',
      dense: true,
      cellDates: true,
      cellFormula: false,
      cellHTML: false,
      ...options,
    })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_STRING_TOO_LONG') throw unreadable(file, e)
    throw new MiernikError(
      'INVALID_FILE',
      `${file}: the sheet is too large to read (over 512 MB of XML); save it as CSV UTF-8 or export fewer rows per file`,
      { cause: e },
    )
  }
}

function unreadable(file: string, cause: unknown): MiernikError {
  return new MiernikError(
    'INVALID_FILE',
    `${file}: not a readable XLSX workbook (${(cause as Error).message})`,
    { cause },
  )
}

function* csvRecords(rows: (CellObject | undefined)[][], layout: SheetLayout): Generator<string[]> {
  for (const [index, row] of rows.entries()) {
    if (!row) continue
    const cells = Array.from(row, (cell) => (cell ? cellText(cell) : ''))
    yield* layout.add(index + 1, cells)
  }
  yield* layout.finish()
}

/**
 * A cell's value as text: dates as ISO 'YYYY-MM-DD' (with 'THH:MM:SS' unless midnight),
 * numbers in plain decimals, booleans as 'true'/'false', errors as ''.
 */
function cellText(cell: CellObject): string {
  const v = cell.v
  if (cell.t === 'e' || v === undefined) return ''
  if (v instanceof Date) return isoDateTime(v)
  if (typeof v === 'number') return plainNumber(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  return v
}

/**
 * Where the table starts in a sheet and how its rows become CSV records. The header is
 * the first row with at least half as many cells as the widest of the first rows (title
 * rows such as a report name or its filters have one or two); columns left of its first
 * cell are dropped, and must stay empty. Line breaks in header names become spaces.
 *
 * Lines follow sheet rows: an empty row is an empty line. A cell with line breaks makes
 * its record take more lines; the empty lines of later empty rows make up for that where
 * there are any, else the lines of the rows below it run that much ahead of the sheet.
 */
class SheetLayout {
  lineOffset = 0
  private pending: { number: number; cells: string[] }[] = []
  private header: { number: number; first: number; width: number } | undefined
  /** The sheet row the last CSV line written stands for. */
  private last = 0

  constructor(private readonly where: string) {}

  /** The records for sheet row `number` (none while the header is not known yet). */
  add(number: number, cells: string[]): string[][] {
    if (!cells.some((c) => c !== '')) return []
    if (this.header) return this.record(number, cells)
    this.pending.push({ number, cells })
    return this.pending.length < LOOKAHEAD ? [] : this.flush()
  }

  finish(): string[][] {
    return this.header ? [] : this.flush()
  }

  private flush(): string[][] {
    const rows = this.pending
    this.pending = []
    if (rows.length === 0) return []
    const filled = rows.map((r) => r.cells.filter((c) => c !== '').length)
    const widest = Math.max(...filled)
    const need = widest < 2 ? 1 : Math.max(2, Math.ceil(widest / 2))
    const at = filled.findIndex((n) => n >= need)
    const head = rows[at] as { number: number; cells: string[] }
    const first = head.cells.findIndex((c) => c !== '')
    this.header = { number: head.number, first, width: head.cells.length }
    this.lineOffset = head.number - 1
    this.last = head.number
    const records = [head.cells.slice(first).map((c) => c.replace(/\s*[\r\n]+\s*/g, ' '))]
    for (const r of rows.slice(at + 1)) records.push(...this.record(r.number, r.cells))
    return records
  }

  private record(number: number, cells: string[]): string[][] {
    const { first, width } = this.header as { first: number; width: number }
    const left = cells.slice(0, first).findIndex((c) => c !== '')
    if (left !== -1) {
      throw new MiernikError(
        'INVALID_FILE',
        `${this.where} row ${number}: a value in column ${columnName(left)}, left of the header's first column ${columnName(first)}`,
      )
    }
    const records: string[][] = []
    for (let n = this.last + 1; n < number; n++) records.push([])
    const record = cells.slice(first)
    while (record.length < width - first) record.push('')
    records.push(record)
    const breaks = record.reduce((k, c) => k + (c.includes('\n') ? c.split('\n').length - 1 : 0), 0)
    this.last = Math.max(this.last + 1, number) + breaks
    return records
  }
}

/** Non-empty rows read before choosing the header. */
const LOOKAHEAD = 50

function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/**
 * 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS' when there is a time of day (to the second).
 * SheetJS (since 0.20) builds date cells on UTC, so the UTC fields are the sheet's own
 * wall-clock time whatever the local time zone.
 */
function isoDateTime(date: Date): string {
  const ms = date.getTime()
  if (!Number.isFinite(ms)) return ''
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString()
  const time = iso.slice(11, 19)
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`
}

import { createWriteStream } from 'node:fs'
import { extname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import { MiernikError } from '../../errors.js'
import { plainNumber } from './plain-number.js'
import {
  openWorkbook,
  parseXml,
  unescapeXlsx,
  type Workbook,
  type XmlHandlers,
} from './xlsx-workbook.js'

/** A ZIP archive (PK\x03\x04) or a workbook by its name. */
export function looksLikeXlsx(file: string, head: Uint8Array): boolean {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04
  return zip || ['.xlsx', '.xlsm'].includes(extname(file).toLowerCase())
}

export interface SheetCsv {
  sheet: string
  /** Sheet rows above the header row. */
  lineOffset: number
}

/**
 * Writes one sheet of an XLSX workbook (the one named, else the first) to `out` as a
 * UTF-8 CSV. The header is the first row that looks like one (see {@link SheetLayout});
 * below it, CSV line n is sheet row n + lineOffset, empty rows becoming empty lines. The
 * sheet's XML is streamed, so only its shared strings are held in memory.
 */
export async function xlsxToCsv(file: string, out: string, wanted?: string): Promise<SheetCsv> {
  let workbook: Workbook
  try {
    workbook = await openWorkbook(file)
  } catch (e) {
    throw unreadable(file, e)
  }
  try {
    const names = workbook.sheets.map((s) => `'${s.name}'`).join(', ')
    if (workbook.sheets.length === 0) throw unreadable(file, new Error('it has no sheets'))
    const sheet =
      wanted === undefined ? workbook.sheets[0] : workbook.sheets.find((s) => s.name === wanted)
    if (!sheet) {
      throw new MiernikError(
        'INVALID_FILE',
        `${file}: no sheet named '${wanted}' (the sheets are: ${names})`,
      )
    }
    const layout = new SheetLayout(`${file}: sheet '${sheet.name}'`)
    try {
      await pipeline(
        Readable.from(csvRecords(workbook, await workbook.part(sheet.path), layout)),
        stringify({ quoted_match: /[;\t]/ }),
        createWriteStream(out),
      )
    } catch (e) {
      throw e instanceof MiernikError ? e : unreadable(file, e)
    }
    return { sheet: sheet.name, lineOffset: layout.lineOffset }
  } finally {
    workbook.close()
  }
}

function unreadable(file: string, cause: unknown): MiernikError {
  if (cause instanceof MiernikError) return cause
  return new MiernikError(
    'INVALID_FILE',
    `${file}: not a readable XLSX workbook (${(cause as Error).message})`,
    { cause },
  )
}

async function* csvRecords(
  workbook: Workbook,
  xml: AsyncIterable<string>,
  layout: SheetLayout,
): AsyncGenerator<string[]> {
  const rows = new SheetRows(workbook)
  for await (const step of parseXml(xml, rows)) {
    void step
    for (const row of rows.take()) yield* layout.add(row.number, row.cells)
  }
  yield* layout.finish()
}

/**
 * Collects a worksheet's rows from its XML events: each cell as text by column (0-based),
 * holes as '', rows and cells without an `r` numbered by their order.
 */
class SheetRows implements XmlHandlers {
  private rows: { number: number; cells: string[] }[] = []
  private row: { number: number; cells: string[] } | undefined
  private cell: { column: number; type: string; style: number } | undefined
  private value = ''
  private inValue = false
  private inInline = false
  private inPhonetic = false
  private lastRow = 0
  private lastColumn = -1

  constructor(private readonly workbook: Workbook) {}

  take(): { number: number; cells: string[] }[] {
    const rows = this.rows
    this.rows = []
    return rows
  }

  open(name: string, a: Record<string, string>): void {
    if (name === 'row') {
      const r = Number(a.r)
      this.lastRow = Number.isInteger(r) && r > this.lastRow ? r : this.lastRow + 1
      this.row = { number: this.lastRow, cells: [] }
      this.lastColumn = -1
    } else if (name === 'c' && this.row) {
      const column = a.r ? columnIndex(a.r) : this.lastColumn + 1
      this.lastColumn = column
      this.cell = { column, type: a.t ?? 'n', style: Number(a.s ?? 0) }
      this.value = ''
    } else if (this.cell) {
      if (name === 'v') this.inValue = true
      else if (name === 'is') this.inInline = true
      else if (name === 'rPh') this.inPhonetic = true
    }
  }

  text(text: string): void {
    if (this.inValue || (this.inInline && !this.inPhonetic)) this.value += text
  }

  close(name: string): void {
    if (name === 'v') this.inValue = false
    else if (name === 'is') this.inInline = false
    else if (name === 'rPh') this.inPhonetic = false
    else if (name === 'c' && this.cell && this.row) {
      const text = cellText(this.cell.type, this.value, this.cell.style, this.workbook)
      if (text !== '') this.row.cells[this.cell.column] = text
      this.cell = undefined
    } else if (name === 'row' && this.row) {
      const cells = this.row.cells
      for (let i = 0; i < cells.length; i++) cells[i] ??= ''
      this.rows.push(this.row)
      this.row = undefined
    }
  }
}

/** 'AB12' -> 27 */
function columnIndex(ref: string): number {
  let n = 0
  for (const ch of ref) {
    const code = ch.charCodeAt(0)
    if (code < 65 || code > 90) break
    n = n * 26 + code - 64
  }
  return n - 1
}

/**
 * A cell's stored value as text: dates as ISO 'YYYY-MM-DD' (with 'THH:MM:SS' unless
 * midnight), numbers in plain decimals, booleans as 'true'/'false', rich text as its text,
 * formulas as their cached result (`v` holds it, typed by `t`), errors as ''.
 */
function cellText(type: string, raw: string, style: number, workbook: Workbook): string {
  switch (type) {
    case 's':
      return raw === '' ? '' : (workbook.sharedStrings[Number(raw)] ?? '')
    case 'str':
    case 'inlineStr':
      return unescapeXlsx(raw)
    case 'b':
      return raw === '' ? '' : raw === '1' || raw === 'true' ? 'true' : 'false'
    case 'e':
      return ''
    case 'd': {
      // ISO 8601 text (Strict OOXML and some writers): keep the wall-clock part.
      const iso = raw.replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)?$/, '')
      return iso.endsWith('T00:00:00') ? iso.slice(0, 10) : iso
    }
    default: {
      if (raw.trim() === '') return ''
      const n = Number(raw)
      if (workbook.dateStyles[style]) return isoDateTime(excelDate(n, workbook.date1904))
      return Number.isFinite(n) ? plainNumber(n) : raw
    }
  }
}

/**
 * Where the table starts in a sheet and how its rows become CSV records. The header is
 * the first row with at least half as many cells as the widest of the first rows (title
 * rows such as a report name or its filters have one or two); columns left of its first
 * cell are dropped, and must stay empty.
 */
export class SheetLayout {
  lineOffset = 0
  private pending: { number: number; cells: string[] }[] = []
  private header: { number: number; first: number; width: number } | undefined
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
    const records = [head.cells.slice(first)]
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
    // Empty sheet rows stay as empty lines, so CSV line numbers follow the sheet's.
    for (let n = this.last + 1; n < number; n++) records.push([])
    this.last = Math.max(this.last, number)
    const record = cells.slice(first)
    while (record.length < width - first) record.push('')
    records.push(record)
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

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000))
}

/** 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS' when there is a time of day (to the second). */
export function isoDateTime(date: Date): string {
  const ms = date.getTime()
  if (!Number.isFinite(ms)) return ''
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString()
  const time = iso.slice(11, 19)
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`
}

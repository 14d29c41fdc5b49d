import { posix } from 'node:path'
import type { Readable } from 'node:stream'
import { SaxesParser } from 'saxes'
import yauzl, { type Entry, type ZipFile } from 'yauzl'

/**
 * The parts of an XLSX workbook needed to read its sheets as values: sheet names in tab
 * order, shared strings, which cell styles are dates, and the date system. The archive is
 * read through its central directory (yauzl), so the order parts are stored in does not
 * matter, and a sheet's XML is streamed on demand.
 */
export interface Workbook {
  sheets: { name: string; path: string }[]
  /** Serial day 0 is 1904-01-01 (old Mac Excel), not 1899-12-30. */
  date1904: boolean
  sharedStrings: string[]
  /** By cell style index (the `s` of a cell): whether its number format shows a date or time. */
  dateStyles: boolean[]
  /** The XML text of a part, in chunks. */
  part(path: string): Promise<AsyncIterable<string>>
  close(): void
}

export async function openWorkbook(file: string): Promise<Workbook> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (e, z) =>
      e ? reject(e) : resolve(z),
    ),
  )
  try {
    const entries = await listEntries(zip)
    const part = async (path: string): Promise<AsyncIterable<string>> => {
      const entry = entries.get(path.toLowerCase())
      if (!entry) throw new Error(`the archive has no ${path}`)
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (e, s) => (e ? reject(e) : resolve(s))),
      )
      stream.setEncoding('utf8')
      return stream as AsyncIterable<string>
    }
    const has = (path: string) => entries.has(path.toLowerCase())

    const root = await relationships(part, '_rels/.rels', '')
    const workbookPath = root.find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml'
    const relsPath = posix.join(
      posix.dirname(workbookPath),
      '_rels',
      `${posix.basename(workbookPath)}.rels`,
    )
    const rels = has(relsPath) ? await relationships(part, relsPath, workbookPath) : []
    const target = (type: string, fallback: string) =>
      rels.find((r) => r.type === type)?.target ?? posix.join(posix.dirname(workbookPath), fallback)

    let date1904 = false
    const sheets: Workbook['sheets'] = []
    await readXml(await part(workbookPath), {
      open(name, attributes) {
        if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attributes.date1904 ?? '')
        if (name !== 'sheet') return
        const id = Object.entries(attributes).find(([k]) => k.endsWith(':id'))?.[1]
        const rel = rels.find((r) => r.id === id)
        const path =
          rel?.target ??
          posix.join(posix.dirname(workbookPath), `worksheets/sheet${sheets.length + 1}.xml`)
        sheets.push({ name: attributes.name ?? `Sheet${sheets.length + 1}`, path })
      },
    })
    const stringsPath = target('sharedStrings', 'sharedStrings.xml')
    const stylesPath = target('styles', 'styles.xml')
    return {
      sheets,
      date1904,
      sharedStrings: has(stringsPath) ? await sharedStrings(await part(stringsPath)) : [],
      dateStyles: has(stylesPath) ? await dateStyles(await part(stylesPath)) : [],
      part,
      close: () => zip.close(),
    }
  } catch (e) {
    zip.close()
    throw e
  }
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>()
    zip.on('entry', (entry: Entry) => {
      entries.set(entry.fileName.toLowerCase(), entry)
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', reject)
    zip.readEntry()
  })
}

interface Relationship {
  id: string
  /** The last segment of the type URI: 'worksheet', 'styles', 'officeDocument'... */
  type: string
  /** The archive path of the target. */
  target: string
}

async function relationships(
  part: Workbook['part'],
  path: string,
  source: string,
): Promise<Relationship[]> {
  const list: Relationship[] = []
  await readXml(await part(path), {
    open(name, a) {
      if (name !== 'Relationship' || !a.Target || a.TargetMode === 'External') return
      const target = a.Target.startsWith('/')
        ? a.Target.slice(1)
        : posix.normalize(posix.join(posix.dirname(source), a.Target))
      list.push({ id: a.Id ?? '', type: (a.Type ?? '').split('/').pop() ?? '', target })
    },
  })
  return list
}

/** Shared strings: the text of each `si`, rich text runs joined, phonetic hints left out. */
async function sharedStrings(xml: AsyncIterable<string>): Promise<string[]> {
  const strings: string[] = []
  let current = ''
  let inText = false
  let inPhonetic = false
  await readXml(xml, {
    open(name) {
      if (name === 'si') current = ''
      else if (name === 't') inText = true
      else if (name === 'rPh') inPhonetic = true
    },
    text(text) {
      if (inText && !inPhonetic) current += text
    },
    close(name) {
      if (name === 'si') strings.push(unescapeXlsx(current))
      else if (name === 't') inText = false
      else if (name === 'rPh') inPhonetic = false
    },
  })
  return strings
}

/** Which cell formats (`cellXfs`) show dates, by the built-in id or the format code. */
async function dateStyles(xml: AsyncIterable<string>): Promise<boolean[]> {
  const codes = new Map<number, string>()
  const formatIds: number[] = []
  let inCellXfs = false
  await readXml(xml, {
    open(name, a) {
      if (name === 'numFmt') codes.set(Number(a.numFmtId), a.formatCode ?? '')
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(a.numFmtId ?? 0))
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false
    },
  })
  return formatIds.map((id) => {
    const code = codes.get(id)
    return code === undefined ? builtInDate(id) : isDateFormat(code)
  })
}

/** Excel's built-in number formats that are dates or times (ids 14-22, 45-47, and East Asian ones). */
function builtInDate(id: number): boolean {
  return (
    (id >= 14 && id <= 22) ||
    (id >= 27 && id <= 36) ||
    (id >= 45 && id <= 47) ||
    (id >= 50 && id <= 58) ||
    (id >= 71 && id <= 81)
  )
}

/** A format code with day, month, year, hour or second parts ("literals", [colors] and \escapes aside). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/\\./g, '')
  return /[ymdhs]/i.test(bare)
}

/** Excel writes characters XML cannot hold as _xHHHH_ (a carriage return is _x000D_). */
export function unescapeXlsx(text: string): string {
  if (!text.includes('_x')) return text
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  )
}

export interface XmlHandlers {
  /** An element opens; `name` without its namespace prefix. */
  open?(name: string, attributes: Record<string, string>): void
  text?(text: string): void
  close?(name: string): void
}

/**
 * Parses XML text chunk by chunk (saxes), yielding after each chunk so that a caller can
 * hand on what the handlers collected before the next one is read.
 */
export async function* parseXml(
  chunks: AsyncIterable<string>,
  handlers: XmlHandlers,
): AsyncGenerator<void> {
  const parser = new SaxesParser()
  parser.on('opentag', (tag) => handlers.open?.(localName(tag.name), tag.attributes))
  parser.on('closetag', (tag) => handlers.close?.(localName(tag.name)))
  if (handlers.text) {
    parser.on('text', handlers.text)
    parser.on('cdata', handlers.text)
  }
  for await (const chunk of chunks) {
    parser.write(chunk)
    yield
  }
  parser.close()
}

async function readXml(chunks: AsyncIterable<string>, handlers: XmlHandlers): Promise<void> {
  for await (const step of parseXml(chunks, handlers)) void step
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import * as XLSX from '@e965/xlsx'
import iconv from 'iconv-lite'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MiernikError } from '../../src/errors.js'
import { importFile } from '../../src/ingest/import-file.js'
import { detectLayout } from '../../src/ingest/readers/detect-layout.js'
import { detectText } from '../../src/ingest/readers/encoding.js'
import {
  detectEncoding,
  prepareFile,
  type Encoding,
  type PreparedFile,
} from '../../src/ingest/readers/prepare-file.js'
import { plainNumber } from '../../src/ingest/readers/plain-number.js'
import { emptyStore } from '../helpers.js'

// Inputs go to `inputs`; prepareFile's temporary files to `temp` (TMPDIR), which must be
// empty again after every cleanup, failures included.
let base: string
let inputs: string
let temp: string
const savedTmp = process.env.TMPDIR
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'miernik-prepare-test-'))
  inputs = join(base, 'inputs')
  temp = join(base, 'temp')
  mkdirSync(inputs)
  mkdirSync(temp)
  process.env.TMPDIR = temp
})
afterAll(() => {
  process.env.TMPDIR = savedTmp
  rmSync(base, { recursive: true, force: true })
})

const opened: PreparedFile[] = []
afterEach(async () => {
  for (const p of opened.splice(0)) await p.cleanup()
  expect(readdirSync(temp)).toEqual([])
})

function input(name: string, content: string | Uint8Array): string {
  const path = join(inputs, name)
  writeFileSync(path, content)
  return path
}

async function prepare(file: string, options?: Parameters<typeof prepareFile>[1]) {
  const p = await prepareFile(file, options)
  opened.push(p)
  return p
}

async function failure(promise: Promise<unknown>): Promise<MiernikError> {
  const e = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(e).toBeInstanceOf(MiernikError)
  expect((e as MiernikError).code).toBe('INVALID_FILE')
  return e as MiernikError
}

const read = (path: string) => readFileSync(path, 'utf8')

/** Rows as DuckDB reads the prepared file, with the options the store uses. */
async function storeRows(path: string): Promise<string[][]> {
  const layout = await detectLayout(path)
  const cols = `{${layout.columns.map((c) => `'${c.replace(/'/g, "''")}': 'VARCHAR'`).join(', ')}}`
  const source =
    layout.format === 'csv'
      ? `read_csv($1, delim = '${layout.delimiter}', header = true, quote = '"', escape = '"', columns = ${cols}, auto_detect = false, strict_mode = true)`
      : `read_json($1, format = ${layout.format === 'json' ? "'array'" : "'newline_delimited'"}, columns = ${cols})`
  const db = await DuckDBInstance.create(':memory:')
  const connection = await db.connect()
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM ${source}`, [path])
    return reader.getRows().map((r) => r.map((v) => (v === null ? '' : String(v))))
  } finally {
    connection.closeSync()
  }
}

const polish = 'Zażółć gęślą jaźń'
// CRLF, a blank line and a quoted line break: each line must stay where it was.
const polishCsv = [
  'id;name;note',
  `1;${polish};a`,
  '',
  `2;"${polish.toUpperCase()}";"two`,
  `lines"`,
  `3;Łódź Śląsk Źródło Żółw;ż`,
].join('\r\n')

describe('encodings', () => {
  const cases: { encoding: Encoding; bom: boolean }[] = [
    { encoding: 'windows-1250', bom: false },
    { encoding: 'utf-16le', bom: true },
    { encoding: 'utf-16be', bom: true },
    { encoding: 'utf-16le', bom: false },
    { encoding: 'utf-16be', bom: false },
  ]
  for (const { encoding, bom } of cases) {
    it(`${encoding}${bom ? ' with a BOM' : ''}: detected, transcoded line for line`, async () => {
      const file = input(`${encoding}.csv`, iconv.encode(polishCsv, encoding, { addBOM: bom }))
      expect(await detectEncoding(file)).toBe(encoding)
      const p = await prepare(file)
      expect(p).toMatchObject({ encoding, source: 'csv', footerLines: [], lineOffset: 0 })
      expect(p.path).not.toBe(file)
      expect(read(p.path)).toBe(polishCsv)
      expect(read(p.path).split('\n')[5]).toBe('3;Łódź Śląsk Źródło Żółw;ż')
      expect(read(file)).not.toBe(polishCsv) // the input is left alone
    })
  }

  it('windows-1252 (Western text, no Polish letters) is told from windows-1250', async () => {
    const western = 'id,name\r\n1,Café Müller\r\n2,Señor Ñandú\r\n3,"Œuvre à Marseille, Ørsted"\r\n'
    const file = input('western.csv', iconv.encode(western, 'windows-1252'))
    expect(await detectEncoding(file)).toBe('windows-1252')
    const p = await prepare(file)
    expect(p.encoding).toBe('windows-1252')
    expect(read(p.path)).toBe(western)

    // One Polish letter in 1250 (ł = 0xB3) decides for 1250.
    const polishFile = input('polish.csv', iconv.encode('id,name\n1,Paweł\n', 'windows-1250'))
    expect(await detectEncoding(polishFile)).toBe('windows-1250')
    // ...unless the caller knows better.
    const forced = await prepare(polishFile, { encoding: 'windows-1252' })
    expect(read(forced.path)).toBe('id,name\n1,Paweł\n'.replace('ł', '³'))
  })

  it('UTF-8 with or without a BOM passes through untouched', async () => {
    const plain = input('plain.csv', `id,name\n1,${polish}\n`)
    const withBom = input('bom.csv', `\uFEFFid,name\n1,${polish}\n`)
    for (const file of [plain, withBom]) {
      expect(await detectEncoding(file)).toBe('utf-8')
      const p = await prepare(file, { dropFooters: true })
      expect(p).toMatchObject({ path: file, encoding: 'utf-8', source: 'csv', footerLines: [] })
      await p.cleanup()
      await p.cleanup()
      expect(existsSync(file)).toBe(true)
    }
  })

  it('UTF-8 is checked to the end: one bad byte after the first chunk makes it a code page', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},${polish}`).join('\n')
    const bytes = Buffer.concat([
      Buffer.from(`id,name\n${rows}\n`),
      iconv.encode('40001,Paweł\n', 'windows-1250'),
    ])
    expect(bytes.length).toBeGreaterThan(1 << 20)
    expect(await detectEncoding(input('mixed.csv', bytes))).toBe('windows-1250')
  })
})

describe('a file of ASCII only', () => {
  it('is told apart: ASCII to the end; not for a letter past the first chunk, a BOM, JSON or a given encoding', async () => {
    const rows = Array.from({ length: 80_000 }, (_, i) => `${i},Deal ${i}`).join('\n')
    const ascii = input('ascii.csv', `id,name\n${rows}\n`)
    expect(statSync(ascii).size).toBeGreaterThan(1 << 20)
    expect(await detectText(ascii)).toEqual({ encoding: 'utf-8', ascii: true })
    const p = await prepare(ascii)
    expect(p).toMatchObject({ path: ascii, encoding: 'utf-8', source: 'csv', ascii: true })
    const late = input('late.csv', `id,name\n${rows}\n40001,Paweł\n`)
    expect(await detectText(late)).toEqual({ encoding: 'utf-8', ascii: false })
    expect((await prepare(late)).ascii).toBe(false)
    expect((await prepare(input('bom-ascii.csv', `\uFEFFid,name\n1,x\n`))).ascii).toBe(false)
    expect((await prepare(input('a.jsonl', '{"id":"1","name":"\\u00a0x"}\n'))).ascii).toBe(false)
    expect((await prepare(ascii, { encoding: 'utf-8' })).ascii).toBe(false)
  })
})

describe('report footers', () => {
  const data = [
    '"Opportunity Name","Amount","Stage"',
    '"Total","100","Closed Won"', // a deal named Total, mid-file: data
    '"Acme","200","Closed Won"',
  ]
  const footer = [
    '"Grand Totals (2 records)"',
    'Confidential Information - Do Not Distribute',
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
  ]
  const salesforce = [...data, '""', '""', footer[0], '""', footer[1], '""', footer[2], ''].join(
    '\r\n',
  )

  it('are cut off the end and reported; a "Total" row mid-file stays', async () => {
    const file = input('report.csv', salesforce)
    const p = await prepare(file, { dropFooters: true })
    expect(p.path).not.toBe(file)
    expect(read(p.path)).toBe(data.join('\r\n') + '\r\n')
    expect(p.footerLines).toEqual(footer)
    expect(read(file)).toBe(salesforce)
    expect(await storeRows(p.path)).toEqual([
      ['Total', '100', 'Closed Won'],
      ['Acme', '200', 'Closed Won'],
    ])
    await p.cleanup()
    expect(existsSync(p.path)).toBe(false)
  })

  it('are kept unless asked for', async () => {
    const file = input('report.csv', salesforce)
    const p = await prepare(file)
    expect(p).toMatchObject({ path: file, footerLines: [] })
  })

  it('Total and Subtotal rows at the end go; a last data row stays', async () => {
    const summary = 'stage;amount\nWon;100\nLost;50\nSubtotal Won;100\n\nTotal;;150\n'
    const p = await prepare(input('summary.csv', summary), { dropFooters: true })
    expect(read(p.path)).toBe('stage;amount\nWon;100\nLost;50\n')
    expect(p.footerLines).toEqual(['Subtotal Won;100', 'Total;;150'])

    const none = input('none.csv', 'name,amount\nTotal Care Ltd,100\nGenerated,5\n')
    expect(await prepare(none, { dropFooters: true })).toMatchObject({
      path: none,
      footerLines: [],
    })
  })

  it('are found at the end of a large file, and in a transcoded one', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `"${i}","${polish}","Won"`)
    const body = [data[0], ...rows].join('\r\n') + '\r\n'
    const big = input('big.csv', body + '""\r\n' + footer.join('\r\n""\r\n') + '\r\n')
    const p = await prepare(big, { dropFooters: true })
    expect(read(p.path)).toBe(body)
    expect(p.footerLines).toEqual(footer)

    const polishReport = salesforce.replace('Acme', 'Łódź Żółw sp. z o.o.')
    const cp = input('cp1250.csv', iconv.encode(polishReport, 'windows-1250'))
    const q = await prepare(cp, { dropFooters: true })
    expect(q).toMatchObject({ encoding: 'windows-1250', footerLines: footer })
    expect(read(q.path)).toBe(data.join('\r\n').replace('Acme', 'Łódź Żółw sp. z o.o.') + '\r\n')
  })
})

describe('XLSX workbooks', () => {
  // Workbooks are written part by part as Excel writes them (ECMA-376 SpreadsheetML), so
  // each test shows the XML it reads; SheetJS's CFB only zips.
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  const serial = (iso: string) => (Date.parse(`${iso}Z`) - Date.UTC(1899, 11, 30)) / 86_400_000

  type Parts = Record<string, string>

  function workbookParts(
    sheets: Record<string, string>,
    strings: string[],
    date1904 = false,
  ): Parts {
    const names = Object.keys(sheets)
    const parts: Parts = {
      '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${[
        ['workbook.xml', 'sheet.main'],
        ...names.map((_, i) => [`worksheets/sheet${i + 1}.xml`, 'worksheet']),
        ['styles.xml', 'styles'],
        ['sharedStrings.xml', 'sharedStrings'],
      ]
        .map(
          ([part, type]) =>
            `<Override PartName="/xl/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml"/>`,
        )
        .join('')}</Types>`,
      '_rels/.rels': `${xml}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `${xml}<workbook xmlns="${NS}" xmlns:r="${R}"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets>${names
        .map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="${PKG}">${names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rId90" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId91" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      // Cell styles: 0 General, 1 built-in date 14, 2 a custom date-time, 3 a currency, 4 '#,##0.00',
      // 5 built-in 31, an East Asian date (yyyy"年"m"月"d"日") SheetJS knows by its id only.
      'xl/styles.xml': `${xml}<styleSheet xmlns="${NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/><numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;zł&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" xfId="0" applyNumberFormat="1"/><xf numFmtId="31" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
      'xl/sharedStrings.xml': `${xml}<sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.join('')}</sst>`,
    }
    names.forEach((n, i) => {
      parts[`xl/worksheets/sheet${i + 1}.xml`] =
        `${xml}<worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>${sheets[n]}</sheetData></worksheet>`
    })
    return parts
  }

  function zip(name: string, parts: Parts) {
    const archive: unknown = XLSX.CFB.utils.cfb_new()
    for (const [path, text] of Object.entries(parts))
      XLSX.CFB.utils.cfb_add(archive, path, Buffer.from(text))
    return input(
      name,
      XLSX.CFB.write(archive, { type: 'buffer', fileType: 'zip', compression: true }) as Buffer,
    )
  }

  const si = (t: string) => `<si><t xml:space="preserve">${t}</t></si>`
  const strings = [
    si('Opportunities report'), // 0
    si('Filtered by: stage = any'), // 1
    ...['id', 'name', 'amount', 'closed_on', 'won', 'updated_at', 'note', 'double'].map(si), // 2-9
    si('o1'), // 10
    `<si><t>${polish}</t><rPh sb="0" eb="1"><t>phonetic hint, not text</t></rPh></si>`, // 11
    '<si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r></si>', // 12
  ]
  const opportunities = [
    '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
    '<row r="2"><c r="A2" t="s"><v>1</v></c></row>',
    // Row 3 is empty: not written. The header is row 4.
    `<row r="4">${[2, 3, 4, 5, 6, 7, 8, 9].map((s, i) => `<c r="${'ABCDEFGH'[i]}4" t="s"><v>${s}</v></c>`).join('')}</row>`,
    `<row r="5"><c r="A5" t="s"><v>10</v></c><c r="B5" t="s"><v>11</v></c><c r="C5"><v>1234567.5</v></c><c r="D5" s="1"><v>${serial('2026-03-31T00:00:00')}</v></c><c r="E5" t="b"><v>1</v></c><c r="F5" s="2"><v>${serial('2026-03-31T14:05:09')}</v></c><c r="G5" t="s"><v>12</v></c><c r="H5"><f>C5*2</f><v>2469135</v></c></row>`,
    '<row r="6" ht="15" customHeight="1"/>', // empty, but written (a custom height)
    `<row r="7"><c r="A7" t="inlineStr"><is><t>o2</t></is></c><c r="B7" t="str"><f>"Smith, ""Jr"""</f><v>Smith, "Jr"</v></c><c r="C7"><v>1E+21</v></c><c r="D7" s="1"><v>${serial('2026-01-05T00:00:00')}</v></c><c r="E7" t="b"><v>0</v></c><c r="F7" s="2"/><c r="G7" t="e"><f>NA()</f><v>#N/A</v></c><c r="H7" s="1"><f>D7+1</f><v>${serial('2026-01-06T00:00:00')}</v></c></row>`,
    '<row r="8"><c r="A8" t="inlineStr"><is><t>o3</t></is></c><c r="B8" t="inlineStr"><is><t>C</t></is></c><c r="C8" s="4"><v>0.1</v></c><c r="D8" s="3"><v>99.5</v></c><c r="E8" t="b"><f>C8&gt;0</f><v>1</v></c><c r="G8" t="inlineStr"><is><t>a;b</t></is></c><c r="H8" t="inlineStr"><is><t>tab_x0009_here</t></is></c></row>',
  ].join('')
  const other =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>key</t></is></c><c r="B1" t="inlineStr"><is><t>value</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>k1</t></is></c><c r="B2"><v>42</v></c></row>'
  const parts = workbookParts({ Opportunities: opportunities, Other: other }, strings)
  const expected = [
    'id,name,amount,closed_on,won,updated_at,note,double', // sheet row 4 = line 1 + lineOffset
    `o1,${polish},1234567.5,2026-03-31,true,2026-03-31T14:05:09,Rich text,2469135`,
    '', // sheet row 6, empty
    'o2,"Smith, ""Jr""",1000000000000000000000,2026-01-05,false,,,2026-01-06',
    'o3,C,0.1,99.5,true,,"a;b","tab\there"',
    '',
  ].join('\n')

  it('the first sheet becomes a CSV below its title rows: ISO dates, plain numbers, formula results', async () => {
    const file = zip('opportunities.xlsx', parts)
    const p = await prepare(file)
    expect(p).toMatchObject({
      encoding: 'utf-8',
      source: 'xlsx',
      sheet: 'Opportunities',
      lineOffset: 3,
      footerLines: [],
    })
    expect(read(p.path)).toBe(expected)
    const rows = await storeRows(p.path)
    expect(rows).toHaveLength(3)
    expect(rows[1]).toEqual([
      'o2',
      'Smith, "Jr"',
      '1000000000000000000000',
      '2026-01-05',
      'false',
      '',
      '',
      '2026-01-06',
    ])
    await p.cleanup()
    expect(existsSync(p.path)).toBe(false)
  })

  it('reads sheets with prefixed tags', async () => {
    // The OpenXML SDK writes <x:worksheet xmlns:x="...">.
    const prefixed = { ...parts }
    prefixed['xl/worksheets/sheet2.xml'] =
      `${xml}<x:worksheet xmlns:x="${NS}"><x:sheetData>${other.replace(/<(\/?)(row|c|is|t|v)\b/g, '<$1x:$2')}</x:sheetData></x:worksheet>`
    const p = await prepare(zip('prefixed.xlsx', prefixed), { sheet: 'Other' })
    expect(read(p.path)).toBe('key,value\nk1,42\n')
  })

  it('reads a sheet by name', async () => {
    const p = await prepare(zip('two-sheets.xlsx', parts), { sheet: 'Other' })
    expect(p).toMatchObject({ sheet: 'Other', lineOffset: 0 })
    expect(read(p.path)).toBe('key,value\nk1,42\n')
  })

  it('a missing sheet is an error naming the sheets there are', async () => {
    const file = zip('missing.xlsx', parts)
    const e = await failure(prepareFile(file, { sheet: 'Deals' }))
    expect(e.message).toBe(
      `${file}: no sheet named 'Deals' (the sheets are: 'Opportunities', 'Other')`,
    )
  })

  it('a file that is no workbook is an error', async () => {
    const fake = input('fake.xlsx', 'id,name\n1,a\n')
    expect((await failure(prepareFile(fake))).message).toMatch(
      /fake\.xlsx: not a readable XLSX workbook/,
    )
    const broken = { ...parts }
    delete broken['xl/workbook.xml']
    const e = await failure(prepareFile(zip('broken.xlsx', broken)))
    expect(e.message).toMatch(/broken\.xlsx: not a readable XLSX workbook \(.*xl\/workbook\.xml/)
    const xls = input('old.csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    expect((await failure(prepareFile(xls))).message).toMatch(/Excel 97-2003/)
  })

  it("dates and times are the sheet's own in any time zone", async () => {
    const c = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`
    // Warsaw's clocks skip 02:00-03:00 on 2026-03-29 and repeat 02:00-03:00 on 2026-10-25.
    const sheet = `<row r="1">${c('A1', 'day')}${c('B1', 'at')}${c('C1', 'kanji')}</row><row r="2"><c r="A2" s="1"><v>${serial('2026-03-29T00:00:00')}</v></c><c r="B2" s="2"><v>${serial('2026-03-29T02:30:00')}</v></c><c r="C2" s="5"><v>${serial('2026-10-25T00:00:00')}</v></c></row>`
    const file = zip('zones.xlsx', workbookParts({ S: sheet }, []))
    const saved = process.env.TZ
    try {
      for (const tz of [
        'Europe/Warsaw',
        'America/Los_Angeles',
        'Pacific/Kiritimati',
        'Asia/Kolkata',
      ]) {
        process.env.TZ = tz
        expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).not.toBe(0)
        const p = await prepare(file)
        expect(read(p.path)).toBe('day,at,kanji\n2026-03-29,2026-03-29T02:30:00,2026-10-25\n')
      }
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })

  it('an empty sheet is an empty CSV; a sheet SheetJS cannot parse is an error with the reason', async () => {
    const empty = await prepare(zip('empty.xlsx', workbookParts({ S: '' }, [])))
    expect(read(empty.path)).toBe('')
    // A shared string that is not there.
    const bad = zip(
      'bad-sheet.xlsx',
      workbookParts({ S: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' }, []),
    )
    expect((await failure(prepareFile(bad))).message).toMatch(
      /bad-sheet\.xlsx: not a readable XLSX workbook \(.+\)$/,
    )
  })

  it('1904 date system workbooks (old Mac Excel)', async () => {
    const sheet =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>day</t></is></c></row><row r="2"><c r="A2" s="1"><v>0</v></c></row>'
    const p = await prepare(zip('mac.xlsx', workbookParts({ S: sheet }, [], true)))
    expect(read(p.path)).toBe('day\n1904-01-01\n')
  })

  it('a table right of column A loses the empty columns; a value left of the header is an error', async () => {
    const c = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`
    const sheet = (extra: string) =>
      `<row r="1">${c('A1', 'Pipeline report')}</row><row r="3">${c('B3', 'id')}${c('C3', 'stage')}</row><row r="4">${c('B4', 'o1')}${c('C4', 'Won')}</row><row r="5">${extra}${c('B5', 'o2')}</row>`
    const p = await prepare(zip('indented.xlsx', workbookParts({ S: sheet('') }, [])))
    expect(p.lineOffset).toBe(2)
    expect(read(p.path)).toBe('id,stage\no1,Won\no2,\n')
    const bad = zip('stray.xlsx', workbookParts({ S: sheet(c('A5', 'note')) }, []))
    const e = await failure(prepareFile(bad))
    expect(e.message).toBe(
      `${bad}: sheet 'S' row 5: a value in column A, left of the header's first column B`,
    )
  })

  it('cells with line breaks: header names get a space, a later empty row makes up the line', async () => {
    const c = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`
    const sheet = [
      `<row r="1">${c('A1', 'id')}${c('B1', 'Close\r\nDate')}</row>`,
      `<row r="2">${c('A2', 'o1')}${c('B2', 'first\nsecond')}</row>`,
      // Row 3 is empty: its line is where row 2's second line went.
      `<row r="4">${c('A4', 'o2')}${c('B4', 'x')}</row>`,
    ].join('')
    const p = await prepare(zip('breaks.xlsx', workbookParts({ S: sheet }, [])))
    expect(read(p.path).split('\n')).toEqual(['id,Close Date', 'o1,"first', 'second"', 'o2,x', ''])
    expect(await storeRows(p.path)).toEqual([
      ['o1', 'first\nsecond'],
      ['o2', 'x'],
    ])
  })

  it('an import names the workbook, not the CSV made of it, in its messages', async () => {
    const c = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`
    const sheet = `<row r="1">${c('A1', 'id')}${c('C1', 'name')}</row><row r="2">${c('A2', 'r1')}${c('C2', 'Ann')}</row>`
    const file = zip('gap.xlsx', workbookParts({ S: sheet }, []))
    const e = await failure(importFile(await emptyStore(), 'reps', file))
    expect(e.message).toBe(`${file}:1: column 2 has no name`)
  })

  it('drops report footers after the data when asked', async () => {
    const cells = (r: number, ...values: string[]) =>
      `<row r="${r}">${values.map((v, i) => `<c r="${'AB'[i]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`
    const sheet = [
      cells(1, 'name', 'amount'),
      cells(2, 'Total', '5'),
      cells(3, 'Acme', '7'),
      cells(5, 'Grand Totals (2 records)'),
      cells(6, 'Confidential Information - Do Not Distribute'),
    ].join('')
    const p = await prepare(zip('report.xlsx', workbookParts({ Report: sheet }, [])), {
      dropFooters: true,
    })
    expect(read(p.path)).toBe('name,amount\nTotal,5\nAcme,7\n')
    expect(p.footerLines).toEqual([
      'Grand Totals (2 records)',
      'Confidential Information - Do Not Distribute',
    ])
  })
})

describe('JSON', () => {
  const capsule = {
    opportunities: [
      {
        id: 11,
        name: 'Big deal',
        value: { amount: 1500.5, currency: 'PLN' },
        milestone: { id: 3, name: 'Won' },
        owner: { id: 7, username: 'anna', name: 'Anna Nowak' },
        party: { id: 1, type: 'organisation', name: `${polish} sp. z o.o.` },
        lostReason: null,
        tags: [
          { id: 1, name: 'vip' },
          { id: 2, name: 'renewal' },
        ],
        closedOn: '2026-03-31',
        probability: 100,
      },
      {
        id: 12,
        name: 'Lost one',
        value: { amount: 20, currency: 'EUR' },
        milestone: { id: 4, name: 'Lost' },
        owner: { id: 8, username: 'jan', name: 'Jan Kowalski' },
        party: { id: 2, type: 'person', name: 'Ewa' },
        lostReason: { id: 5, name: 'Price' },
        tags: [],
        closedOn: '2026-04-01',
        probability: 0,
      },
    ],
  }

  it("Capsule's wrapper is unwrapped and records flattened, one per line", async () => {
    const file = input('capsule.json', JSON.stringify(capsule, null, 2))
    const p = await prepare(file)
    expect(p).toMatchObject({ source: 'json', encoding: 'utf-8', lineOffset: 0 })
    expect(p.path).toMatch(/capsule\.jsonl$/)
    // Line n is record n, so messages about a JSON document give record numbers.
    const lines = read(p.path).split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        id: '11',
        name: 'Big deal',
        'value.amount': '1500.5',
        'value.currency': 'PLN',
        'milestone.id': '3',
        'milestone.name': 'Won',
        'owner.id': '7',
        'owner.username': 'anna',
        'owner.name': 'Anna Nowak',
        'party.id': '1',
        'party.type': 'organisation',
        'party.name': `${polish} sp. z o.o.`,
        lostReason: null,
        tags: 'vip; renewal',
        closedOn: '2026-03-31',
        probability: '100',
      },
      {
        id: '12',
        name: 'Lost one',
        'value.amount': '20',
        'value.currency': 'EUR',
        'milestone.id': '4',
        'milestone.name': 'Lost',
        'owner.id': '8',
        'owner.username': 'jan',
        'owner.name': 'Jan Kowalski',
        'party.id': '2',
        'party.type': 'person',
        'party.name': 'Ewa',
        'lostReason.id': '5',
        'lostReason.name': 'Price',
        tags: null,
        closedOn: '2026-04-01',
        probability: '0',
      },
    ])
    const layout = await detectLayout(p.path)
    expect(layout.format).toBe('jsonl')
    expect(layout.columns).toContain('lostReason.name')
    const rows = await storeRows(p.path)
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['11', 'Big deal', '1500.5', 'PLN'],
      ['12', 'Lost one', '20', 'EUR'],
    ])
  })

  it('a wrapper of several arrays is an error naming them', async () => {
    const file = input(
      'two.json',
      JSON.stringify({ opportunities: [{ id: 1 }], parties: [{ id: 2 }] }),
    )
    const e = await failure(prepareFile(file))
    expect(e.message).toContain('opportunities, parties')
  })

  it('a flat array or JSON Lines of flat records passes through', async () => {
    const array = input('flat.json', JSON.stringify([{ id: 1, name: 'a', tags: null }], null, 2))
    expect(await prepare(array)).toMatchObject({ path: array, source: 'json' })
    const lines = input('flat.jsonl', '{"id":1,"name":"a"}\n\n{"id":2,"name":"b"}\n')
    expect(await prepare(lines)).toMatchObject({ path: lines, source: 'json' })
  })

  it('JSON Lines with nested records are flattened line for line; arrays of scalars joined', async () => {
    const file = input(
      'nested.jsonl',
      '{"id":1,"value":{"amount":1e-7},"emails":["a@x.pl","b@x.pl"]}\n\n{"id":2,"value":{}}\n',
    )
    const p = await prepare(file)
    expect(read(p.path)).toBe(
      '{"id":"1","value.amount":"0.0000001","emails":"a@x.pl; b@x.pl"}\n\n{"id":"2","value":null}\n',
    )
  })

  it('a record that is no object is an error with its line', async () => {
    const file = input('bad.jsonl', '{"id":1,"a":{"b":2}}\n[1,2]\n')
    const e = await failure(prepareFile(file))
    expect(e.message).toBe(`${file}:2: record 2 is not an object`)
  })

  it('an empty page is a wrapper with no records; a cut-off file is an error', async () => {
    const empty = await prepare(input('empty.json', '{"opportunities": []}'))
    expect(read(empty.path)).toBe('')
    const cut = input('cut.json', JSON.stringify(capsule, null, 2).slice(0, 300))
    const e = await failure(prepareFile(cut))
    expect(e.message).toMatch(/^\S+cut\.json: not valid JSON \(.+\)$/)
  })

  it('records must be objects; JSON Lines in a .json file are read as JSON Lines', async () => {
    const scalars = input('scalars.json', '{"opportunities": [{"id": 1}, 2]}')
    expect((await failure(prepareFile(scalars))).message).toBe(
      `${scalars}: record 2 is not an object`,
    )
    const lines = input('lines.json', '{"id":1,"owner":{"name":"Ann"}}\n{"id":2}\n')
    const p = await prepare(lines)
    expect(read(p.path)).toBe('{"id":"1","owner.name":"Ann"}\n{"id":"2"}\n')
    const bad = input('bad-line.jsonl', '{"id":1}\n\n{"id":2,\n')
    expect((await failure(prepareFile(bad))).message).toMatch(/bad-line\.jsonl:3: not valid JSON/)
  })

  it('UTF-16 JSON is transcoded, then flattened', async () => {
    const file = input(
      'capsule16.json',
      iconv.encode(JSON.stringify(capsule), 'utf-16le', { addBOM: true }),
    )
    const p = await prepare(file)
    expect(p).toMatchObject({ encoding: 'utf-16le', source: 'json' })
    const first = JSON.parse(read(p.path).split('\n')[0] as string) as Record<string, unknown>
    expect(first['party.name']).toBe(`${polish} sp. z o.o.`)
  })
})

describe('importing a prepared file', () => {
  it("the store's messages name the input, not the converted copy it read", async () => {
    const store = await emptyStore()
    const csv = 'id,name,team\nr1,Paweł,north\nr2,Gaweł,north,extra\n'
    const file = input('reps-1250.csv', iconv.encode(csv, 'windows-1250'))
    const e = await failure(importFile(store, 'reps', file))
    expect(e.message.startsWith(file)).toBe(true)
    expect(e.message).not.toContain(temp)
  })
})

describe('plainNumber', () => {
  it('writes numbers without exponent', () => {
    expect(
      [1e21, -1.5e-7, 123.456, 0, 2 ** 53, 1.2345e25, Number.NaN].map((n) => plainNumber(n)),
    ).toEqual([
      '1000000000000000000000',
      '-0.00000015',
      '123.456',
      '0',
      '9007199254740992',
      '12345000000000000000000000',
      '',
    ])
  })
})

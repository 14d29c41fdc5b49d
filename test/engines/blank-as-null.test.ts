import { describe, expect, it } from 'vitest'
import { importFile, planRead } from '../../src/ingest/import-file.js'
import { emptyStore, writeFile } from '../helpers.js'
import { testEngine } from '../engine.js'

// A cell's spaces (Dialect.blankAsNull): Unicode's space separators (category Zs) are
// trimmed from both ends, the same on every engine; tabs, line breaks and every other
// character are kept. DuckDB skips its TRIM where a cell plainly needs none: that shortcut
// must give TRIM's answer for any character at either end.

const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff
/** Every character of the Basic Multilingual Plane's first part, and a few beyond. */
const probes = [
  ...Array.from({ length: 0x3100 }, (_, i) => i + 1),
  0xfeff,
  0xff01,
  0x1f600,
  0x10ffff,
].filter((cp) => !isSurrogate(cp))

/** What a cell becomes: its Zs characters trimmed from both ends, null when none is left. */
const expected = (cell: string): string | null => {
  const trimmed = cell.replace(/^\p{Zs}+|\p{Zs}+$/gu, '')
  return trimmed === '' ? null : `[${trimmed}]`
}

const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`

/**
 * Imports each cell as an account's segment into an empty store: what a cell became
 * (bracketed, or null), and the cells that became something else than `expected` says, as
 * their code points.
 */
async function importCells(name: string, cells: readonly string[]) {
  const lines = ['id,name,segment', ...cells.map((c, i) => `a${i},n,${quoted(c)}`)]
  const file = writeFile(name, lines.join('\n'))
  const store = await emptyStore()
  const report = await importFile(store, 'accounts', file)
  expect(report.errors).toEqual([])
  // Read bracketed: the drivers' text decoding drops a U+FEFF that starts a value.
  const rows = await store.query(`SELECT id, '[' || segment || ']' AS segment FROM accounts`)
  const got = new Map(rows.map((r) => [String(r.id), r.segment as string | null]))
  const segment = (cell: string) => got.get(`a${cells.indexOf(cell)}`)
  const wrong = cells
    .map((c, i) => ({ cell: c, got: got.get(`a${i}`), want: expected(c) }))
    .filter((x) => x.got !== x.want)
    .map((x) => [...x.cell].map((ch) => ch.codePointAt(0)?.toString(16)).join(' '))
  return { store, file, segment, wrong }
}

describe('a cell trimmed of its spaces, every engine', () => {
  it("Unicode's space separators go at either end and nothing else does, in a text column", async () => {
    const cells: string[] = ['', '   ', ' a b ', 'Zürich ', '\tx\t', '\u00a0\u3000', 'x \u00a0']
    for (const cp of probes) {
      const c = String.fromCodePoint(cp)
      cells.push(`${c}a`, `a${c}`, `${c}a${c}`, c)
    }
    const { segment, wrong } = await importCells('accounts.csv', cells)
    expect(wrong).toEqual([])
    // The test has teeth: the space separators are among the probes, and they were trimmed.
    expect(segment('\u00a0\u3000')).toBeNull()
    expect(segment('\tx\t')).toBe('[\tx\t]')
  })

  it('a file of ASCII only: every ASCII character at either end or alone, a text column', async () => {
    const cells: string[] = ['', '   ', ' a b ', '\tx\t', 'x ', ' x']
    for (let cp = 1; cp < 128; cp++) {
      const c = String.fromCodePoint(cp)
      if (c === '\n' || c === '\r') continue // a line break in a cell is kept whole; tested above
      cells.push(`${c}a`, `a${c}`, `${c}a${c}`, c, ` ${c} `)
    }
    const { store, file, segment, wrong } = await importCells('accounts-ascii.csv', cells)
    expect(wrong).toEqual([])
    expect(segment(' a b ')).toBe('[a b]')
    expect(segment('\tx\t')).toBe('[\tx\t]')
    // The file was read with the dialect for ASCII cells where the engine has one.
    const plan = await planRead(store, 'accounts', file)
    await plan.prepared.cleanup()
    expect(plan.prepared.ascii).toBe(true)
    if (store.dialect.forAsciiCells) expect(plan.dialect).toBe(store.dialect.forAsciiCells())
  })

  it('a status, an amount or a date between no-break spaces is read, not rejected', async () => {
    const store = await emptyStore()
    const nb = '\u00a0'
    const file = writeFile(
      'deals.csv',
      [
        'id,status,amount,created_on,closed_on',
        `d1,${quoted(`${nb}won${nb}`)},${quoted(`${nb}12.5\u3000`)},${quoted(`\u20022026-04-01${nb}`)},2026-05-01`,
      ].join('\n'),
    )
    const report = await importFile(store, 'opportunities', file)
    expect(report.errors).toEqual([])
    const [row] = await store.query(
      'SELECT status, CAST(amount AS VARCHAR(20)) AS amount, CAST(created_on AS VARCHAR(10)) AS created_on FROM opportunities',
    )
    expect(row).toEqual({ status: 'won', amount: '12.5000', created_on: '2026-04-01' })
  })

  it.runIf(testEngine === 'duckdb')(
    "DuckDB's shortcut equals TRIM for every Unicode character, at either end or alone",
    async () => {
      const store = await emptyStore()
      const cell = store.dialect.blankAsNull('"s"')
      expect(cell).toContain('CASE WHEN') // the shortcut is what is tested here
      const [row] = await store.query(
        `WITH cp AS (SELECT CAST(i AS INTEGER) AS i FROM range(1, 1114112) r(i)
                      WHERE i NOT BETWEEN 55296 AND 57343),
              t AS (SELECT chr(i) || 'a' AS s FROM cp UNION ALL SELECT 'a' || chr(i) FROM cp
                    UNION ALL SELECT chr(i) FROM cp UNION ALL SELECT 'a' || chr(i) || ' ' FROM cp
                    UNION ALL SELECT '' UNION ALL SELECT NULL)
         SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE ${cell} IS DISTINCT FROM NULLIF(TRIM(s), '')) AS differ
         FROM t`,
      )
      expect(Number(row?.n)).toBeGreaterThan(4_000_000)
      expect(Number(row?.differ)).toBe(0)
    },
  )

  it.runIf(testEngine === 'duckdb')(
    "DuckDB's shortcut for ASCII cells equals TRIM for every pair of ASCII characters, at either end or alone",
    async () => {
      const store = await emptyStore()
      const cell = store.dialect.forAsciiCells?.().blankAsNull('"s"') ?? ''
      expect(cell).toContain('CASE WHEN')
      expect(cell).not.toContain('length(') // cheaper than the general shortcut
      const [row] = await store.query(
        `WITH cp AS (SELECT chr(CAST(i AS INTEGER)) AS c FROM range(1, 128) r(i)),
              p AS (SELECT a.c || b.c AS c FROM cp a, cp b),
              t AS (SELECT c || 'a' AS s FROM p UNION ALL SELECT 'a' || c FROM p
                    UNION ALL SELECT c FROM p UNION ALL SELECT c FROM cp
                    UNION ALL SELECT '' UNION ALL SELECT NULL)
         SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE ${cell} IS DISTINCT FROM NULLIF(TRIM(s), '')) AS differ
         FROM t`,
      )
      expect(Number(row?.n)).toBeGreaterThan(48_000)
      expect(Number(row?.differ)).toBe(0)
    },
  )
})

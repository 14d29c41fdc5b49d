import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/ingest/import-file.js'
import { emptyStore, tempDir } from '../helpers.js'

/**
 * Nothing lost without a word (issue 11): every record of a file is read, or the import
 * fails saying why and where; the same on every engine, and the database untouched.
 */
const header = 'id,name\n'
const rows = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `r${from + i},Rep ${from + i}\n`).join('')

function file(name: string, text: string | Buffer): string {
  const path = join(tempDir(), name)
  writeFileSync(path, text)
  return path
}

async function count(store: Awaited<ReturnType<typeof emptyStore>>) {
  const [row] = await store.query('SELECT COUNT(*) AS n, MAX(LENGTH(name)) AS longest FROM reps')
  return { n: Number(row?.n), longest: Number(row?.longest) }
}

describe('long cells are read, never dropped', () => {
  it('a 50 MB cell on the last line: 1,000 rows imported, not 999', async () => {
    const store = await emptyStore()
    const big = 'x'.repeat(50 * 1024 * 1024)
    const report = await importFile(
      store,
      'reps',
      file('reps.csv', `${header}${rows(0, 999)}r999,${big}\n`),
    )
    expect(report.rows).toBe(1000)
    expect(await count(store)).toEqual({ n: 1000, longest: big.length })
  })

  it('the same cell mid-file, and a 3 MB one', async () => {
    const store = await emptyStore()
    const big = 'y'.repeat(50 * 1024 * 1024)
    await importFile(
      store,
      'reps',
      file('reps.csv', `${header}${rows(0, 500)}m,${big}\n${rows(500, 999)}`),
    )
    expect(await count(store)).toEqual({ n: 1000, longest: big.length })
    const three = 'z'.repeat(3 * 1024 * 1024)
    await importFile(
      store,
      'reps',
      file('reps.csv', `${header}${rows(0, 5)}t,${three}\n${rows(5, 9)}`),
    )
    expect((await count(store)).n).toBe(1001)
  })
})

describe('content that is not a table is refused, naming where', () => {
  it('a NUL byte: refused with its line, nothing written', async () => {
    const store = await emptyStore()
    const error = await importFile(
      store,
      'reps',
      file('reps.csv', `${header}${rows(0, 3)}bad,A\u0000B\n`),
    ).catch((e: Error) => e)
    expect((error as Error).message).toMatch(/reps\.csv:5: a NUL byte, which is not text/)
    expect((await count(store)).n).toBe(0)
  })

  it('10,000 columns: refused with the limit, on every engine alike', async () => {
    const store = await emptyStore()
    const names = Array.from({ length: 10_000 }, (_, i) => `c${i}`)
    const error = await importFile(
      store,
      'reps',
      file('reps.csv', `${names.join(',')}\n${names.join(',')}\n`),
    ).catch((e: Error) => e)
    expect((error as Error).message).toContain(
      'reps.csv:1: 10,000 columns; Miernik reads files of up to 1,000',
    )
  })

  it('a header longer than 64 KB is read whole', async () => {
    const store = await emptyStore()
    const extra = Array.from(
      { length: 600 },
      (_, i) => `extra_column_with_a_long_name_${'x'.repeat(80)}_${i}`,
    )
    const line = (cells: string[]) => `${cells.join(',')}\n`
    const text = line(['id', 'name', ...extra]) + line(['r1', 'One', ...extra.map(() => 'v')])
    expect(text.indexOf('\n')).toBeGreaterThan(64 * 1024)
    const report = await importFile(store, 'reps', file('reps.csv', text))
    expect(report).toMatchObject({ rows: 1, inserted: 1 })
    expect(report.ignoredColumns).toHaveLength(600)
  })

  it("a reader's error quotes at most a few hundred characters of the file", async () => {
    const store = await emptyStore()
    const broken = `${header}r1,"${'q'.repeat(100_000)}\nr2,fine\n`
    const error = await importFile(store, 'reps', file('reps.csv', broken)).catch((e: Error) => e)
    expect((error as Error).message.length).toBeLessThan(1000)
  })
})

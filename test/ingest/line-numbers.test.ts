import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MiernikError } from '../../src/errors.js'
import { importFile, type ImportReport } from '../../src/ingest/import-file.js'
import { emptyStore, writeFile } from '../helpers.js'

async function errorsOf(file: string) {
  const store = await emptyStore()
  try {
    await importFile(store, 'opportunities', file)
    throw new Error('expected a rejection')
  } catch (e) {
    expect(e).toBeInstanceOf(MiernikError)
    return ((e as MiernikError).details as ImportReport).errors.map((x) => [x.line, x.column])
  } finally {
    await store.close()
  }
}

// The database numbers records; these files make records and lines differ.
const csv = [
  'id,name,status,amount,created_on,closed_on', // 1
  'o1,"a name on', // 2: one record over lines 2-3
  'two lines",won,10,2026-01-01,2026-01-05', // 3
  '', // 4: blank
  'o2,x,won,abc,2026-01-01,2026-01-02', // 5: bad amount
  '', // 6
  '', // 7
  'o3,y,lost,5,2026-01-01,', // 8: lost without closed_on
  'o3,z,open,5,2026-01-01,', // 9: duplicate id (first on line 8)
].join('\r\n')

describe('error line numbers', () => {
  it('are file lines despite quoted line breaks, blank lines and CRLF', async () => {
    expect(await errorsOf(writeFile('opportunities.csv', csv))).toEqual([
      [5, 'amount'],
      [8, 'closed_on'],
      [8, 'id'],
      [9, 'id'],
    ])
  })

  it('say where the first of a duplicate key is, by file line', async () => {
    const store = await emptyStore()
    const file = writeFile('opportunities.csv', csv)
    const report = await importFile(store, 'opportunities', file, { skipInvalid: true })
    await store.close()
    expect(report.rejected).toBe(3)
    expect(report.errors.find((e) => e.line === 9)?.reason).toContain('first on line 8')
    // The rejects file names the same file lines.
    expect(existsSync(`${file}.rejects.csv`)).toBe(true)
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8').trim().split('\n')
    expect(rejects.map((l) => l.split(',')[0])).toEqual(['line', '5', '8', '9'])
  })

  it('are file lines in JSON Lines with blank lines', async () => {
    const jsonl = [
      '{"id":"a","status":"won","amount":1,"created_on":"2026-01-01","closed_on":"2026-01-02"}',
      '',
      '{"id":"b","status":"won","amount":"x","created_on":"2026-01-01","closed_on":"2026-01-02"}',
    ].join('\n')
    expect(await errorsOf(writeFile('opportunities.jsonl', jsonl))).toEqual([[3, 'amount']])
  })

  it('never mistake a valid row for a rejected one whose line moved (skipInvalid)', async () => {
    // a1's name spans lines 2-3, a2 (line 4) has no name, a3 (line 6, after a blank line) and
    // a4 are valid. The database numbers a3 as record 2, the same as a2's file line minus 2.
    const file = writeFile(
      'accounts.csv',
      ['id,name', 'a1,"two', 'lines"', 'a2,', '', 'a3,ok', 'a4,ok'].join('\n'),
    )
    const store = await emptyStore()
    const report = await importFile(store, 'accounts', file, { skipInvalid: true })
    expect(report).toMatchObject({ rejected: 1, inserted: 3 })
    expect(report.errors).toEqual([
      { line: 4, column: 'name', value: null, reason: 'name is required' },
    ])
    const ids = await store.query('SELECT id FROM accounts ORDER BY id')
    expect(ids.map((r) => r.id)).toEqual(['a1', 'a3', 'a4'])
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8').trim().split('\n')
    expect(rejects).toEqual(['line,id,name,reason', '4,a2,,name: name is required'])
    await store.close()
  })
})

import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/ingest/import-file.js'
import { emptyStore, writeFile } from '../helpers.js'

// Values at the edges of what each engine's casts accept: the same verdict on every engine,
// a rejected row never an internal error.
describe('edge values, every engine', () => {
  it('an amount that rounds past the column, a day that does not exist, words and US dates are rejected rows', async () => {
    const store = await emptyStore()
    const file = writeFile(
      'deals.csv',
      [
        'id,status,amount,created_on',
        'ok,open,99999999999999.9999,2026-04-01',
        'big,open,99999999999999.99995,2026-04-01',
        'feb,open,10,2026-02-30',
        'words,open,10,yesterday',
        'us,open,10,4/8/2026',
      ].join('\n'),
    )
    const report = await importFile(store, 'opportunities', file, { skipInvalid: true })
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'amount'],
      [4, 'created_on'],
      [5, 'created_on'],
      [6, 'created_on'],
    ])
    expect(await store.query('SELECT id, amount FROM opportunities')).toEqual([
      { id: 'ok', amount: '99999999999999.9999' },
    ])
  })

  it('the last days of months: those that exist are read, those that do not are rejected rows', async () => {
    const store = await emptyStore()
    const days = [
      '2026-01-31',
      '2026-04-30',
      '2026-04-31',
      '2026-06-31',
      '2026-12-31',
      '2024-02-29',
      '2026-02-29',
      '2026-11-30',
      '2026-09-31',
    ]
    const file = writeFile(
      'deals.csv',
      ['id,status,amount,created_on', ...days.map((d) => `${d},open,1,${d}`)].join('\n'),
    )
    const report = await importFile(store, 'opportunities', file, { skipInvalid: true })
    expect(report.errors.map((e) => e.line)).toEqual([4, 5, 8, 10])
    const rows = await store.query(
      'SELECT id, CAST(created_on AS VARCHAR) AS created_on FROM opportunities ORDER BY id',
    )
    expect(rows).toEqual(
      ['2024-02-29', '2026-01-31', '2026-04-30', '2026-11-30', '2026-12-31'].map((d) => ({
        id: d,
        created_on: d,
      })),
    )
  })

  it('a year 0000 never stops an import (PostgreSQL has no year 0; DuckDB reads it as 1 BC)', async () => {
    const store = await emptyStore()
    const file = writeFile(
      'deals.csv',
      'id,status,amount,created_on\nok,open,1,2026-04-01\nzero,open,1,0000-01-01\n',
    )
    const report = await importFile(store, 'opportunities', file, { skipInvalid: true })
    expect(report.inserted + report.rejected).toBe(2)
    expect(await store.query(`SELECT id FROM opportunities WHERE id = 'ok'`)).toEqual([
      { id: 'ok' },
    ])
  })

  it('a line of just \\. (PostgreSQL COPY end-of-data) does not end the file early', async () => {
    const store = await emptyStore()
    const file = writeFile('reps.csv', 'id,name\nr1,a\n\\.\nr2,b\n')
    const e = await importFile(store, 'reps', file).catch((x) => x)
    // DuckDB and PostgreSQL alike: line 3 is a row with one field, not the end of the data.
    expect(e.message).toMatch(/reps\.csv.*3|invalid/i)
    expect(await store.query('SELECT COUNT(*) AS n FROM reps')).toEqual([{ n: 0 }])
  })
})

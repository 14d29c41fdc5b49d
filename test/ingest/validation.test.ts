import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { MiernikError } from '../../src/errors.js'
import { importFile, type ImportReport } from '../../src/ingest/import-file.js'
import type { Store } from '../../src/store/store.js'
import { emptyStore, fixture, tempDir, writeFile } from '../helpers.js'

const file = (name: string) => join(fixture('import'), name)
const count = async (store: Store, table: string) =>
  Number((await store.query(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n)

/** The rejection of a failing import: the MiernikError and its report. */
async function rejection(
  promise: Promise<unknown>,
): Promise<{ error: MiernikError; report: ImportReport }> {
  const error = await promise.then(
    () => {
      throw new Error('expected the import to be rejected')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MiernikError)
  return { error: error as MiernikError, report: (error as MiernikError).details as ImportReport }
}

// bad-opportunities.csv: the header is line 1; line 2 (ok1) and line 15 (ok2) are valid,
// each line from 3 to 14 breaks one rule.
const expectedErrors = [
  { line: 3, column: 'id', value: null, reason: 'id is required' },
  {
    line: 4,
    column: 'created_on',
    value: '2026-13-01',
    reason: 'not a date (expected YYYY-MM-DD)',
  },
  {
    line: 5,
    column: 'amount',
    value: '12abc',
    reason: 'not a number (expected a decimal such as 1250.50)',
  },
  { line: 6, column: 'status', value: 'pending', reason: 'must be one of open, won, lost' },
  {
    line: 7,
    column: 'closed_on',
    value: null,
    reason: 'closed_on is required when status is won or lost',
  },
  { line: 8, column: 'amount', value: '-5', reason: 'must not be negative' },
  { line: 9, column: 'probability', value: '101', reason: 'must be between 0 and 100' },
  {
    line: 10,
    column: 'id',
    value: 'dup',
    reason: 'duplicate key: the file has this id on 2 lines (first on line 10)',
  },
  {
    line: 11,
    column: 'id',
    value: 'dup',
    reason: 'duplicate key: the file has this id on 2 lines (first on line 10)',
  },
  {
    line: 12,
    column: 'currency',
    value: 'EURO',
    reason: 'not a currency code (expected 3 letters such as EUR)',
  },
  {
    line: 13,
    column: 'currency',
    value: 'E1R',
    reason: 'not a currency code (expected 3 letters such as EUR)',
  },
  { line: 14, column: 'created_on', value: null, reason: 'created_on is required' },
]

describe('validation: every rule with its line, column, value and reason', () => {
  it('all-or-nothing: IMPORT_REJECTED with details.errors; the database is unchanged', async () => {
    const store = await emptyStore()
    await importFile(store, 'opportunities', file('opportunities.csv'))
    const before = await store.query('SELECT * FROM opportunities ORDER BY id')
    const { error, report } = await rejection(
      importFile(store, 'opportunities', file('bad-opportunities.csv')),
    )
    expect(error.code).toBe('IMPORT_REJECTED')
    expect(error.message).toMatch(/12 of 14 rows are invalid; nothing was imported/)
    expect(report).toMatchObject({ rows: 14, rejected: 12, inserted: 0, updated: 0 })
    expect(report.errors).toEqual(expectedErrors)
    expect(await store.query('SELECT * FROM opportunities ORDER BY id')).toEqual(before)
    expect(await count(store, 'opportunities')).toBe(3)
  })

  it('period_end before period_start', async () => {
    const store = await emptyStore()
    const { report } = await rejection(importFile(store, 'quotas', file('bad-quotas.csv')))
    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'period_end',
        value: '2026-03-31',
        reason: 'period_end is before period_start',
      },
    ])
    expect(await count(store, 'quotas')).toBe(0)
  })

  it('a stage position must be a whole number (a cast would round 1.5 to 2)', async () => {
    const store = await emptyStore()
    const stages = writeFile('stages.csv', 'stage,position\nprospect,1\nqualify,1.5\nproposal,x\n')
    const { report } = await rejection(importFile(store, 'stages', stages))
    expect(report.errors).toEqual([
      { line: 3, column: 'position', value: '1.5', reason: 'not a whole number' },
      { line: 4, column: 'position', value: 'x', reason: 'not a whole number' },
    ])
  })

  it('a missing required column is a file-level error naming it', async () => {
    const store = await emptyStore()
    const error = await importFile(store, 'opportunities', file('missing-created-on.csv')).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(MiernikError)
    expect(error).toMatchObject({ code: 'INVALID_FILE' })
    expect((error as Error).message).toMatch(
      /missing-created-on\.csv:1: missing required column created_on for opportunities/,
    )
  })

  it('an amount may be unknown: an empty cell or no amount column is NULL, and 0 stays 0', async () => {
    const store = await emptyStore()
    const noColumn = writeFile('opportunities.csv', 'id,status,created_on\nx1,open,2026-04-01\n')
    await importFile(store, 'opportunities', noColumn)
    const cells = writeFile(
      'opportunities.csv',
      'id,status,amount,created_on\nx2,open,,2026-04-01\nx3,open,0,2026-04-01\n',
    )
    await importFile(store, 'opportunities', cells)
    const rows = await store.query('SELECT id, amount FROM opportunities ORDER BY id')
    expect(rows.map((r) => [r.id, r.amount === null ? null : Number(r.amount)])).toEqual([
      ['x1', null],
      ['x2', null],
      ['x3', 0],
    ])
  })

  it('JSON Lines errors carry the file line; a JSON array the record number', async () => {
    const store = await emptyStore()
    const jsonl = await rejection(importFile(store, 'leads', file('bad-leads.jsonl')))
    expect(jsonl.report.errors).toEqual([
      {
        line: 2,
        column: 'created_on',
        value: 'yesterday',
        reason: 'not a date (expected YYYY-MM-DD)',
      },
      {
        line: 3,
        column: 'qualified_on',
        value: '2026-02-30',
        reason: 'not a date (expected YYYY-MM-DD)',
      },
    ])
    const json = await rejection(importFile(store, 'leads', file('bad-leads.json')))
    expect(json.report.errors).toEqual([
      {
        line: 2,
        column: 'created_on',
        value: 'yesterday',
        reason: 'not a date (expected YYYY-MM-DD)',
      },
    ])
  })
})

describe('skipInvalid and dryRun', () => {
  it('skipInvalid writes the valid rows and a rejects CSV beside the input with a reason column', async () => {
    const dir = tempDir()
    const input = join(dir, 'opportunities.csv')
    copyFileSync(file('bad-opportunities.csv'), input)
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', input, { skipInvalid: true })
    expect(report).toMatchObject({ rows: 14, rejected: 12, inserted: 2, updated: 0, unchanged: 0 })
    expect(report.rejectsFile).toBe(join(dir, 'opportunities.csv.rejects.csv'))
    expect(
      (await store.query('SELECT id FROM opportunities ORDER BY id')).map((r) => r.id),
    ).toEqual(['ok1', 'ok2'])

    const rejects = parse(readFileSync(report.rejectsFile as string, 'utf8'), {
      columns: true,
    }) as Record<string, string>[]
    expect(Object.keys(rejects[0] ?? {})).toEqual([
      'line',
      'id',
      'status',
      'amount',
      'currency',
      'created_on',
      'closed_on',
      'probability',
      'reason',
    ])
    expect(rejects.map((r) => r.line)).toEqual([
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
    ])
    expect(rejects[1]).toMatchObject({
      id: 'bad-date',
      created_on: '2026-13-01',
      reason: 'created_on: not a date (expected YYYY-MM-DD)',
    })
    expect(rejects[8]).toMatchObject({ id: 'dup', amount: '200' })
    expect(rejects[8]?.reason).toMatch(/^id: duplicate key/)
  })

  it('a row breaking several rules is one rejected line with every reason', async () => {
    const input = join(tempDir(), 'opportunities.csv')
    const text = 'id,status,amount,created_on\nx,maybe,-1,someday\ny,open,1,2026-04-01\n'
    writeFileSync(input, text)
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', input, { skipInvalid: true })
    expect(report).toMatchObject({ rejected: 1, inserted: 1 })
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'amount'],
      [2, 'created_on'],
      [2, 'status'],
    ])
    const [reject] = parse(readFileSync(report.rejectsFile as string, 'utf8'), {
      columns: true,
    }) as Record<string, string>[]
    expect(reject?.reason).toBe(
      'amount: must not be negative; created_on: not a date (expected YYYY-MM-DD); status: must be one of open, won, lost',
    )
  })

  it('dryRun validates and writes nothing', async () => {
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', file('opportunities.csv'), {
      dryRun: true,
    })
    expect(report).toMatchObject({ dryRun: true, rows: 3, rejected: 0, rejectsFile: null })
    // It says what it would do.
    expect(report).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 })
    expect(await count(store, 'opportunities')).toBe(0)
    // A dry run of a bad file reports like a real one, and still writes nothing.
    const { report: bad } = await rejection(
      importFile(store, 'opportunities', file('bad-opportunities.csv'), { dryRun: true }),
    )
    expect(bad.errors).toEqual(expectedErrors)
    expect(await count(store, 'opportunities')).toBe(0)
  })

  it('dryRun with skipInvalid writes neither rows nor a rejects file', async () => {
    const input = join(tempDir(), 'opportunities.csv')
    copyFileSync(file('bad-opportunities.csv'), input)
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', input, {
      dryRun: true,
      skipInvalid: true,
    })
    // Counts are what would be written: the two valid rows.
    expect(report).toMatchObject({ rejected: 12, rejectsFile: null, inserted: 2 })
    expect(await count(store, 'opportunities')).toBe(0)
    expect(existsSync(`${input}.rejects.csv`)).toBe(false)
  })
})

describe('references', () => {
  it('unknown owners and accounts are warnings, not errors', async () => {
    const store = await emptyStore()
    const reps = join(tempDir(), 'reps.csv')
    writeFileSync(reps, 'id,name\nr1,Ada\n')
    await importFile(store, 'reps', reps)
    const report = await importFile(store, 'opportunities', file('opportunities.csv'))
    expect(report.inserted).toBe(3)
    // o2's owner r2 is not a rep; no account is loaded (a1 twice, a2 once).
    expect(report.references).toEqual([
      { column: 'account_id', entity: 'accounts', rows: 3, examples: ['a1', 'a2'] },
      { column: 'owner_id', entity: 'reps', rows: 1, examples: ['r2'] },
    ])
  })
})

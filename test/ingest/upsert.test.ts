import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/ingest/import-file.js'
import { emptyStore, fixture } from '../helpers.js'

const file = (name: string) => join(fixture('import'), name)

describe('re-import and update', () => {
  it('re-importing the same file changes nothing: inserted 0, updated 0, unchanged 3', async () => {
    const store = await emptyStore()
    await importFile(store, 'opportunities', file('opportunities.csv'))
    const before = await store.query('SELECT * FROM opportunities ORDER BY id')
    const again = await importFile(store, 'opportunities', file('opportunities.csv'))
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 })
    // The same data in another layout is the same data.
    const json = await importFile(store, 'opportunities', file('opportunities.jsonl'))
    expect(json).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 })
    expect(await store.query('SELECT * FROM opportunities ORDER BY id')).toEqual(before)
  })

  it('a changed row is updated; columns the file lacks keep their values', async () => {
    // opportunities-minimal.csv has id, status, amount, created_on only; o2's amount is 350 (was 300).
    const store = await emptyStore()
    await importFile(store, 'opportunities', file('opportunities.csv'))
    const report = await importFile(store, 'opportunities', file('opportunities-minimal.csv'))
    expect(report).toMatchObject({ rejected: 0, inserted: 0, updated: 1, unchanged: 2 })
    const rows = await store.query(
      `SELECT id, name, owner_id, amount, currency, CAST(closed_on AS VARCHAR) AS closed_on,
         CAST(expected_close_on AS VARCHAR) AS expected_close_on, probability FROM opportunities ORDER BY id`,
    )
    expect(rows).toEqual([
      {
        id: 'o1',
        name: 'Acme, renewal',
        owner_id: 'r1',
        amount: '1250.5000',
        currency: 'EUR',
        closed_on: '2026-04-20',
        expected_close_on: null,
        probability: '100.0000',
      },
      {
        id: 'o2',
        name: 'Bolt',
        owner_id: 'r2',
        amount: '350.0000',
        currency: 'USD',
        closed_on: null,
        expected_close_on: '2026-07-01',
        probability: '40.0000',
      },
      {
        id: 'o3',
        name: 'Cog',
        owner_id: 'r1',
        amount: '99.9900',
        currency: 'USD',
        closed_on: '2026-05-01',
        expected_close_on: null,
        probability: '0.0000',
      },
    ])
  })

  it('the same partial file is rejected for new won/lost rows: they would have no closed_on', async () => {
    const store = await emptyStore()
    const error = await importFile(store, 'opportunities', file('opportunities-minimal.csv')).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'IMPORT_REJECTED' })
    const { errors } = (error as { details: { errors: { line: number; column: string }[] } })
      .details
    // Line 3 is o1 (won), line 4 is o3 (lost).
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'closed_on'],
      [4, 'closed_on'],
    ])
  })

  it('new and changed rows in one file: o2 won, o4 new', async () => {
    const store = await emptyStore()
    await importFile(store, 'opportunities', file('opportunities.csv'))
    const report = await importFile(store, 'opportunities', file('opportunities-update.csv'))
    // o1, o3 identical in the file's columns; o2 becomes won on Jun 30 (and 350); o4 is new.
    expect(report).toMatchObject({ inserted: 1, updated: 1, unchanged: 2 })
    const [o2] = await store.query(
      `SELECT status, CAST(closed_on AS VARCHAR) AS closed_on, name FROM opportunities WHERE id = 'o2'`,
    )
    expect(o2).toEqual({ status: 'won', closed_on: '2026-06-30', name: 'Bolt' })
  })

  it('activities without ids get one from rep, start and type, so a re-import matches', async () => {
    const store = await emptyStore()
    expect(await importFile(store, 'activities', file('activities-no-id.csv'))).toMatchObject({
      inserted: 3,
    })
    expect(await importFile(store, 'activities', file('activities-no-id.csv'))).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 3,
    })
    const ids = (await store.query('SELECT id FROM activities ORDER BY id')).map((r) => r.id)
    expect(ids).toEqual([
      'r1/2026-04-02T09:00:00/call',
      'r1/2026-04-02T09:00:00/meeting',
      'r1/2026-04-02T10:00:00/call',
    ])
  })

  it('a rejected re-import leaves the earlier rows as they were', async () => {
    const store = await emptyStore()
    await importFile(store, 'opportunities', file('opportunities.csv'))
    const before = await store.query('SELECT * FROM opportunities ORDER BY id')
    await expect(
      importFile(store, 'opportunities', file('bad-opportunities.csv')),
    ).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
    })
    expect(await store.query('SELECT * FROM opportunities ORDER BY id')).toEqual(before)
  })
})

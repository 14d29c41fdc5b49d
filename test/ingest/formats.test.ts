import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/ingest/import-file.js'
import { emptyStore, fixture, writeFile } from '../helpers.js'

const file = (name: string) => join(fixture('import'), name)

// The same three deals in every native layout (test/fixtures/import/opportunities.*):
// o1 won 1250.50 EUR, name with a comma; o2 open 300 with no currency (→ base USD);
// o3 'Lost' (→ lost) 99.99 'usd' (→ USD) closed at a date-time (→ its date).
const expected = [
  {
    id: 'o1',
    name: 'Acme, renewal',
    owner_id: 'r1',
    status: 'won',
    amount: '1250.5000',
    currency: 'EUR',
    pipeline: 'default',
    created_on: '2026-04-01',
    closed_on: '2026-04-20',
    expected_close_on: null,
    probability: '100.0000',
  },
  {
    id: 'o2',
    name: 'Bolt',
    owner_id: 'r2',
    status: 'open',
    amount: '300.0000',
    currency: 'USD',
    pipeline: 'default',
    created_on: '2026-04-05',
    closed_on: null,
    expected_close_on: '2026-07-01',
    probability: '40.0000',
  },
  {
    id: 'o3',
    name: 'Cog',
    owner_id: 'r1',
    status: 'lost',
    amount: '99.9900',
    currency: 'USD',
    pipeline: 'default',
    created_on: '2026-04-07',
    closed_on: '2026-05-01',
    expected_close_on: null,
    probability: '0.0000',
  },
]

describe('native layouts', () => {
  it.each([
    ['comma CSV', 'opportunities.csv'],
    ['semicolon CSV', 'opportunities-semicolon.csv'],
    ['tab-separated', 'opportunities-tab.txt'],
    ['UTF-8 with BOM', 'opportunities-bom.csv'],
    ['JSON array', 'opportunities.json'],
    ['JSON Lines', 'opportunities.jsonl'],
  ])('%s: same rows', async (_, name) => {
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', file(name))
    expect(report).toMatchObject({
      rows: 3,
      rejected: 0,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      ignoredColumns: [],
    })
    const rows = await store.query(
      `SELECT id, name, owner_id, status, amount, currency, pipeline, CAST(created_on AS VARCHAR) AS created_on,
         CAST(closed_on AS VARCHAR) AS closed_on, CAST(expected_close_on AS VARCHAR) AS expected_close_on, probability
       FROM opportunities ORDER BY id`,
    )
    expect(rows).toEqual(expected)
  })

  it('optional columns may be absent: defaults fill them, the rest stay empty', async () => {
    const store = await emptyStore({ settings: { base_currency: 'PLN' } })
    expect(
      await importFile(store, 'opportunities', file('opportunities-required-only.csv')),
    ).toMatchObject({
      inserted: 2,
    })
    const [r1] = await store.query(`SELECT * FROM opportunities WHERE id = 'r1'`)
    expect(r1).toMatchObject({
      currency: 'PLN',
      pipeline: 'default',
      name: null,
      owner_id: null,
      closed_on: null,
    })
  })

  it('column names match case-insensitively; other columns are reported as ignored', async () => {
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', file('opportunities-extra-columns.csv'))
    expect(report).toMatchObject({ inserted: 1, ignoredColumns: ['Deal Owner Email', 'notes'] })
    const [x1] = await store.query('SELECT id, status, amount FROM opportunities')
    expect(x1).toEqual({ id: 'x1', status: 'open', amount: '10.0000' })
  })

  it('an empty file and a malformed JSON file are INVALID_FILE', async () => {
    const store = await emptyStore()
    await expect(importFile(store, 'reps', writeFile('reps.csv', ''))).rejects.toMatchObject({
      code: 'INVALID_FILE',
    })
    await expect(
      importFile(store, 'reps', writeFile('reps.json', '[{"id": "r1",')),
    ).rejects.toMatchObject({
      code: 'INVALID_FILE',
    })
    await expect(
      importFile(store, 'reps', writeFile('reps.csv', 'id,name,name\nr1,a,b\n')),
    ).rejects.toMatchObject({
      code: 'INVALID_FILE',
    })
  })
})

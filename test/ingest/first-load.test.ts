import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { importFile, type ImportOptions } from '../../src/ingest/import-file.js'
import { dealDaysCurrent } from '../../src/model/deal-days.js'
import { DuckdbStore } from '../../src/store/duckdb/duckdb-store.js'
import { openStore } from '../../src/store/open-store.js'
import { LOAD_PREFIX, type Store } from '../../src/store/store.js'
import { testEngine } from '../engine.js'
import { emptyStore, fixture, tempDir, writeFile } from '../helpers.js'

// A first import into an empty table is appended in one statement where the engine can
// (DuckDB's appendFile); it must land and report exactly as the staged import does.

const file = (name: string) => join(fixture('import'), name)

/** A store that imports the usual way: staged, checked, upserted. */
async function stagedStore(): Promise<Store> {
  const store = await emptyStore()
  ;(store as { appendFile?: unknown }).appendFile = undefined
  return store
}

async function outcome(store: Store, path: string, options: ImportOptions = {}) {
  const report = await importFile(store, 'opportunities', path, {
    observedAt: '2026-07-01T00:00:00Z',
    ...options,
  }).catch((e: { message: string; details?: unknown }) => ({
    error: e.message,
    details: e.details,
  }))
  const rows = await store.query(`SELECT * FROM opportunities ORDER BY id`)
  const changes = await store.query(`SELECT COUNT(*) AS n FROM opportunity_changes`)
  const rejects = 'rejectsFile' in report ? report.rejectsFile : null
  return { report: { ...report, rejectsFile: rejects ? 'written' : null }, rows, changes }
}

describe('first import into an empty table', () => {
  // [case, file, options, whether DuckDB tries the one statement]: a check reading stored
  // rows (a rule over a column the file lacks) keeps a file on the usual way.
  const cases: [string, string, ImportOptions, boolean][] = [
    ['a clean file', file('opportunities.csv'), {}, true],
    ['a clean JSON file', file('opportunities.json'), {}, true],
    ['a file with bad rows', file('bad-opportunities.csv'), {}, true],
    [
      'a file with bad rows, --skip-invalid',
      file('bad-opportunities.csv'),
      { skipInvalid: true },
      true,
    ],
    ['a file of the required columns only', file('opportunities-required-only.csv'), {}, false],
  ]
  for (const [name, path, options, tried] of cases) {
    it(`${name}: lands and reports as the staged import`, async () => {
      const direct = await emptyStore()
      const append = direct.appendFile?.bind(direct)
      let appended = 0
      if (append) {
        direct.appendFile = (...args) => {
          appended++
          return append(...args)
        }
      }
      const a = await outcome(direct, path, options)
      expect(a).toEqual(await outcome(await stagedStore(), path, options))
      // DuckDB tries the one statement first; PostgreSQL has none.
      expect(appended > 0).toBe(!!append && tried)
    })
  }

  it('a key twice: rejected with both lines, nothing written', async () => {
    const path = writeFile(
      'twice.csv',
      'id,status,amount,created_on,closed_on\no1,open,10,2026-01-02,\no2,won,5,2026-01-03,2026-02-01\no1,lost,7,2026-01-04,2026-02-02\n',
    )
    const direct = await emptyStore()
    const staged = await stagedStore()
    const a = await outcome(direct, path)
    expect(a.rows).toEqual([])
    expect(JSON.stringify(a.report)).toContain('duplicate key')
    expect(a).toEqual(await outcome(staged, path))
  })

  it('an empty table only: a second import updates, with its change log', async () => {
    const store = await emptyStore()
    await importFile(store, 'opportunities', file('opportunities.csv'))
    const second = await importFile(store, 'opportunities', file('opportunities-update.csv'), {
      observedAt: '2026-08-01T00:00:00Z',
    })
    expect(second.updated + second.unchanged).toBeGreaterThan(0)
  })
})

// DuckDB loads a first file into a table of its own, written to the file as it is read,
// and swaps it in once its keys are checked (loadDirect): the entity's table must keep its
// definition, and no load's table may outlive its load.
describe.runIf(testEngine === 'duckdb')('a first load on a DuckDB file', () => {
  const definitions = async (store: Store) =>
    Object.fromEntries(
      (
        await store.query(
          `SELECT table_name AS t, sql FROM duckdb_tables() WHERE NOT temporary ORDER BY 1`,
        )
      ).map((r) => [String(r.t), String(r.sql)]),
    )

  it('swaps the rows in under the entity table’s own definition, and leaves nothing else', async () => {
    const store = await openStore(join(tempDir(), 'first.duckdb'), { create: true })
    try {
      const before = await definitions(store)
      const report = await importFile(store, 'opportunities', file('opportunities.csv'))
      expect(report.inserted).toBeGreaterThan(0)
      expect(await definitions(store)).toEqual(before)
      const [row] = await store.query(
        `SELECT COUNT(*) AS n, current_setting('enable_optimistic_write') AS optimistic,
                current_setting('preserve_insertion_order') AS ordered FROM opportunities`,
      )
      expect(row).toEqual({ n: report.inserted, optimistic: false, ordered: true })
      // Rebuilt in the swap's transaction: never stale after a first load.
      expect(await dealDaysCurrent(store)).toBe(true)
      // NOT NULL still holds: the swapped-in table is the entity's, not a copy of its rows.
      await expect(
        store.run(
          `INSERT INTO opportunities (id, status, created_on) VALUES (NULL, 'open', DATE '2026-01-01')`,
        ),
      ).rejects.toThrow(/NOT NULL/)
    } finally {
      await store.close()
    }
  })

  it('drops its table when the file has bad rows or a key twice', async () => {
    const twice = writeFile(
      'twice-load.csv',
      'id,status,amount,created_on,closed_on\no1,open,10,2026-01-02,\no1,lost,7,2026-01-04,2026-02-02\n',
    )
    const thrice = writeFile(
      'thrice-load.csv',
      'id,status,amount,created_on,closed_on\no2,open,1,2026-01-02,\no1,open,10,2026-01-02,\no1,won,5,2026-01-03,2026-02-01\no1,lost,7,2026-01-04,2026-02-02\n',
    )
    for (const path of [file('bad-opportunities.csv'), twice, thrice]) {
      const store = await openStore(join(tempDir(), 'refused.duckdb'), { create: true })
      try {
        const before = await definitions(store)
        await expect(importFile(store, 'opportunities', path)).rejects.toThrow(/invalid/)
        expect(await definitions(store)).toEqual(before)
        // The load's settings are the usual ones again: the usual way numbers lines by rowid.
        const [settings] = await store.query(
          `SELECT current_setting('enable_optimistic_write') AS optimistic,
                  current_setting('preserve_insertion_order') AS ordered`,
        )
        expect(settings).toEqual({ optimistic: false, ordered: true })
      } finally {
        await store.close()
      }
    }
  })

  it('drops the table of a load a killed process left, at the next open', async () => {
    const path = join(tempDir(), 'left.duckdb')
    const db = await (await DuckDBInstance.create(path)).connect()
    await db.run(`CREATE TABLE ${LOAD_PREFIX}opportunities AS SELECT range AS id FROM range(10)`)
    await db.run('CREATE TABLE kept AS SELECT 1 AS x')
    db.closeSync()
    const store = await DuckdbStore.open(path)
    try {
      const tables = await store.query(`SELECT table_name AS t FROM duckdb_tables() ORDER BY 1`)
      expect(tables).toEqual([{ t: 'kept' }])
    } finally {
      await store.close()
    }
  })
})

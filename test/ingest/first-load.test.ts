import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile, type ImportOptions } from '../../src/ingest/import-file.js'
import type { Store } from '../../src/store/store.js'
import { emptyStore, fixture, writeFile } from '../helpers.js'

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

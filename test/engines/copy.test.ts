import { describe, expect, it } from 'vitest'
import { catalog } from '../../src/metrics/catalog.js'
import { compute } from '../../src/metrics/compute.js'
import { copyDatabase } from '../../src/store/copy-database.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { generateDemo } from '../../src/demo/generate-demo.js'
import { testEngine, memoryLocation } from '../engine.js'

// `miernik copy` without loss: DuckDB → the other engine → DuckDB, and the whole catalogue
// gives the same numbers on all three. On the DuckDB project the other engine is PGlite.
const other = () =>
  testEngine === 'duckdb'
    ? `pglite://memory?schema=copy_${Math.random().toString(36).slice(2)}`
    : memoryLocation()

async function catalogue(store: Store) {
  const rows = await compute(store, {
    metrics: catalog.map((m) => m.id),
    from: '2026-01-01',
    to: '2026-06-30',
    grain: 'quarter',
    by: [],
    asOf: '2026-06-30',
  } as never)
  return rows.map((r) => ({
    metric: r.metric,
    period: r.period_start,
    group: r.group,
    value: r.value === null ? null : Number(r.value.toPrecision(12)),
    reason: r.reason ?? null,
  }))
}

describe('copy between engines', () => {
  it('round-trips the demo company: every table and every metric identical', async () => {
    const source = await openStore(':memory:', { create: true })
    const middle = await openStore(other(), { create: true })
    const back = await openStore(':memory:', { create: true })
    try {
      await generateDemo(source, { seed: 7, scale: 0.2, asOf: '2026-06-30' })
      const there = await copyDatabase(source, middle)
      const home = await copyDatabase(middle, back)
      expect(home.tables).toEqual(there.tables)
      expect(there.tables.find((t) => t.table === 'opportunities')?.rows).toBeGreaterThan(100)
      const expected = await catalogue(source)
      expect(await catalogue(middle)).toEqual(expected)
      expect(await catalogue(back)).toEqual(expected)
      const stages =
        'SELECT opportunity_id, stage, CAST(entered_at AS VARCHAR) AS t FROM stage_changes ORDER BY 1, 3, 2'
      expect(await back.query(stages)).toEqual(await source.query(stages))
    } finally {
      await Promise.all([source.close(), middle.close(), back.close()])
    }
  })

  it('keeps empty strings apart from NULL, multi-line text, microseconds and an empty setting', async () => {
    const a = await openStore(':memory:', { create: true })
    const b = await openStore(other(), { create: true })
    const c = await openStore(':memory:', { create: true })
    try {
      await a.run(`INSERT INTO reps (id, name, email, team) VALUES ('r1', 'Ann', '', NULL), ('r2', 'Bo
b "the" \\N', NULL, '')`)
      await a.run(
        `INSERT INTO stage_changes VALUES ('o1', 's', TIMESTAMP '2026-04-01 10:00:00.123456')`,
      )
      await a.run(`INSERT INTO settings VALUES ('customer_lifetime_years', '')`)
      await copyDatabase(a, b)
      await copyDatabase(b, c)
      for (const sql of [
        'SELECT id, name, email, team FROM reps ORDER BY id',
        'SELECT CAST(entered_at AS VARCHAR) AS t FROM stage_changes',
        `SELECT "value" FROM settings WHERE "key" = 'customer_lifetime_years'`,
      ]) {
        expect(await b.query(sql)).toEqual(await a.query(sql))
        expect(await c.query(sql)).toEqual(await a.query(sql))
      }
    } finally {
      await Promise.all([a.close(), b.close(), c.close()])
    }
  })

  it('refuses a target that holds data, unless replace', async () => {
    const a = await openStore(':memory:', { create: true })
    const b = await openStore(other(), { create: true })
    try {
      await a.run(`INSERT INTO reps (id, name) VALUES ('r1', 'Ann')`)
      await copyDatabase(a, b)
      await expect(copyDatabase(a, b)).rejects.toThrow(
        /already holds data: copy into an empty database/,
      )
      await a.run(`INSERT INTO reps (id, name) VALUES ('r2', 'Bob')`)
      await copyDatabase(a, b, { replace: true })
      expect(await b.query('SELECT id FROM reps ORDER BY id')).toEqual([{ id: 'r1' }, { id: 'r2' }])
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})

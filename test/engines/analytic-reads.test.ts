import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoAnywhere } from '../../src/demo/demo-anywhere.js'
import { catalog } from '../../src/metrics/catalog.js'
import { compute } from '../../src/metrics/compute.js'
import type { MetricQuery } from '../../src/metrics/query-schema.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { pgSchemaUrl, testEngine } from '../engine.js'

// The metrics read PostgreSQL in an analytic snapshot: planner settings for large scans
// (parallel workers for large scans) for that transaction alone. Plans change;
// numbers must not. The demo company is small, so a second store on the same schema makes
// every scan eligible for parallel workers, and its catalogue is compared with the one
// computed inside a plain transaction (where the server's own settings apply).
const onServer = describe.runIf(testEngine === 'postgres')

const setting = async (store: Store, name: string) =>
  String((await store.query(`SELECT current_setting('${name}') AS v`))[0]?.v)

onServer('PostgreSQL: analytic read snapshots', () => {
  const asOf = '2026-09-30'
  const metrics = catalog.map((m) => m.id)
  let url: string
  let store: Store
  let parallel: Store
  beforeAll(async () => {
    url = pgSchemaUrl()
    store = await openStore(url, { create: true })
    await generateDemoAnywhere(store, { seed: 42, scale: 1, asOf })
    const anySize = encodeURIComponent(
      '-c min_parallel_table_scan_size=0 -c min_parallel_index_scan_size=0',
    )
    parallel = await openStore(`${url}&options=${anySize}`)
  }, 240_000)
  afterAll(async () => {
    await parallel?.close()
    await store?.close()
  })

  it('hold their planner settings for their own transaction only', async () => {
    const costs = async () => [
      await setting(store, 'parallel_setup_cost'),
      await setting(store, 'parallel_tuple_cost'),
    ]
    expect(await costs()).toEqual(['1000', '0.1'])
    expect(await store.readSnapshot(costs, { analytic: true })).toEqual(['10', '0.001'])
    expect(await costs()).toEqual(['1000', '0.1'])
    // A snapshot that is not analytic keeps the server's settings.
    expect(await store.readSnapshot(costs)).toEqual(['1000', '0.1'])
    // Nor does a failed one leave them behind.
    await expect(
      store.readSnapshot(() => store.query('SELECT 1 / 0'), { analytic: true }),
    ).rejects.toThrow()
    expect(await costs()).toEqual(['1000', '0.1'])
  })

  it('plan some statements of the catalogue with parallel workers', async () => {
    const statements: [string, readonly unknown[] | undefined][] = []
    const query0 = parallel.query.bind(parallel)
    parallel.query = async (sql, params) => {
      if (/^\s*SELECT/.test(sql)) statements.push([sql, params])
      return query0(sql, params)
    }
    try {
      await compute(parallel, { metrics, asOf, from: '2026-04-01', to: '2026-06-30' })
    } finally {
      parallel.query = query0
    }
    const gathers = async () => {
      let n = 0
      for (const [sql, params] of statements) {
        const plan = await parallel.query(`EXPLAIN ${sql}`, params)
        if (plan.some((r) => /Gather/.test(String(Object.values(r)[0])))) n++
      }
      return n
    }
    expect(statements.length).toBeGreaterThan(10)
    expect(await parallel.readSnapshot(gathers, { analytic: true })).toBeGreaterThan(0)
    expect(await parallel.transaction(gathers)).toBe(0)
  })

  const cases: [string, Partial<MetricQuery>][] = [
    ['four quarters', { from: '2025-10-01', to: '2026-09-30', grain: 'quarter' }],
    ['a running quarter by rep', { from: '2026-07-01', to: '2026-09-30', by: ['rep'] }],
    [
      'a past quarter as of its end (deals as the change log says they stood)',
      { from: '2026-04-01', to: '2026-06-30', asOf: '2026-06-30', grain: 'month' },
    ],
    [
      'a quarter against the previous one, by segment',
      { from: '2026-04-01', to: '2026-06-30', compare: 'previous', by: ['segment'] },
    ],
  ]
  it.each(cases)('give the catalogue the server plans would: %s', async (_, q) => {
    const query = { metrics, asOf, ...q } as MetricQuery
    // Inside a transaction compute reads that transaction's view, with the server's settings.
    const plain = await parallel.transaction(() => compute(parallel, query))
    const analytic = await compute(parallel, query)
    expect(analytic.length).toBeGreaterThan(metrics.length)
    expect(analytic).toEqual(plain)
  })
})

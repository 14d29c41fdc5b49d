import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ResultRow } from '../../src/contracts/result-row.js'
import { generateDemoAnywhere } from '../../src/demo/demo-anywhere.js'
import { catalog, starterMetrics } from '../../src/metrics/catalog.js'
import { compute, computeMany } from '../../src/metrics/compute.js'
import type { Store } from '../../src/store/store.js'
import { openStore } from '../../src/store/open-store.js'
import { writeSetting } from '../../src/store/settings.js'
import { memoryLocation } from '../engine.js'

// Speed takes other paths through the same numbers: several periods at once share their
// scans (a dashboard page is one batch), lifetime value's trailing revenue is summed per
// account and day before it meets more than two periods, fx rates are looked up per day.
// Whichever path a figure takes, it is the same figure: on the demo company, each quarter
// computed alone (one period: the direct path) equals the same quarter computed among
// others (grain quarter, and the home page's batch).
const asOf = '2026-09-30'
const quarters = [
  { from: '2025-10-01', to: '2025-12-31' },
  { from: '2026-01-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2026-07-01', to: '2026-09-30' },
]
const metrics = catalog.map((m) => m.id)

/** What a row says, without the fields that describe the query rather than the figure. */
const figure = (r: ResultRow) => ({
  metric: r.metric,
  period: `${r.period_start}..${r.period_end}`,
  group: r.group,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
})
const key = (r: ResultRow) => `${r.metric}|${r.period_start}|${JSON.stringify(r.group)}`

let store: Store
let noSubscriptions: Store
beforeAll(async () => {
  store = await openStore(memoryLocation(), { create: true })
  await generateDemoAnywhere(store, { seed: 42, scale: 1, asOf })
  // Without subscriptions lifetime value rests on won revenue over the trailing year.
  noSubscriptions = await openStore(memoryLocation(), { create: true })
  await generateDemoAnywhere(noSubscriptions, { seed: 42, scale: 1, asOf })
  await noSubscriptions.run('DELETE FROM subscriptions')
  // Nobody churns without subscriptions: a set lifetime gives the value its figures.
  await writeSetting(noSubscriptions, 'customer_lifetime_years', '3')
}, 240_000)
afterAll(async () => {
  await store.close()
  await noSubscriptions.close()
})

describe('batched and direct paths give the same rows (demo company)', () => {
  it.each([
    ['as generated', [] as string[]],
    ['as generated', ['team']],
    ['without subscriptions', []],
    ['without subscriptions', ['rep']],
  ])(
    'the whole catalogue by quarter equals each quarter alone (%s, by %j)',
    async (variant, by) => {
      const db = variant === 'as generated' ? store : noSubscriptions
      const together = await compute(db, {
        metrics,
        from: quarters[0]!.from,
        to: quarters.at(-1)!.to,
        grain: 'quarter',
        by: by as never,
        asOf,
      })
      const alone = (
        await Promise.all(
          quarters.map((q) => compute(db, { metrics, ...q, by: by as never, asOf })),
        )
      ).flat()
      expect(together.length).toBe(alone.length)
      const byKey = new Map(alone.map((r) => [key(r), r]))
      for (const r of together) expect(figure(r)).toEqual(figure(byKey.get(key(r)) as ResultRow))
      // Lifetime value has figures: without subscriptions, from the per-day trailing revenue.
      const ltv = together.filter((r) => r.metric === 'customer_lifetime_value')
      if (by.length === 0) expect(ltv.some((r) => r.value !== null)).toBe(true)
    },
    120_000,
  )

  it("the home page's batch equals its three queries computed one by one", async () => {
    const q3 = quarters.at(-1)!
    const queries = [
      { metrics: [...starterMetrics], ...q3, compare: 'previous' as const, asOf },
      { metrics: [...starterMetrics], ...q3, compare: 'year_ago' as const, asOf },
      {
        metrics: [...starterMetrics],
        from: '2024-10-01',
        to: q3.to,
        grain: 'quarter' as const,
        asOf,
      },
    ]
    const batch = await computeMany(store, queries)
    for (const [i, q] of queries.entries()) {
      expect((batch[i] as ResultRow[]).map(figure)).toEqual((await compute(store, q)).map(figure))
    }
  }, 120_000)
})

import { describe, expect, it } from 'vitest'
import { compute } from '../../src/metrics/compute.js'
import { drilldown, type DrilldownQuery } from '../../src/metrics/drilldown.js'
import { readSettings } from '../../src/store/settings.js'
import type { Store } from '../../src/store/store.js'
import { fixture, storeWith } from '../helpers.js'

/** The drill-down's total must equal the row's numerator or denominator. */
async function check(store: Store, query: Omit<DrilldownQuery, 'asOf'> & { asOf?: string }) {
  const settings = await readSettings(store)
  const asOf = query.asOf ?? '2026-09-30'
  const result = await drilldown(store, { ...query, asOf, page_size: 1000 }, settings)
  expect(result.row).not.toBeNull()
  expect(result.total).toBe(
    query.part === 'numerator' ? result.row?.numerator : result.row?.denominator,
  )
  expect(result.rows).toHaveLength(result.total)
  return result
}

describe('drill-down behind special inputs', () => {
  // cltv fixture, 2025: A, B, C customers at the start (C's last day Jun 29), D new in March.
  const year = { from: '2025-01-01', to: '2025-12-31', asOf: '2026-01-15' }

  it('churn: the lost customers and the customers at the start', async () => {
    const store = await storeWith(fixture('cltv'))
    const lost = await check(store, { metric: 'churn_rate', part: 'numerator', ...year })
    expect(lost.rows.map((r) => r.id)).toEqual(['C'])
    const start = await check(store, { metric: 'churn_rate', part: 'denominator', ...year })
    expect(start.rows.map((r) => r.id)).toEqual(['A', 'B', 'C'])
    const retained = await check(store, {
      metric: 'customer_retention_rate',
      part: 'numerator',
      ...year,
    })
    expect(retained.rows.map((r) => r.id)).toEqual(['A', 'B'])
  })

  it('the funnel: the deals that reached a stage and those that went on', async () => {
    const store = await storeWith(fixture('funnel'))
    const q = { from: '2026-04-01', to: '2026-06-30' }
    const rows = await compute(store, { metrics: ['stage_conversion'], ...q, asOf: '2026-09-30' })
    for (const row of rows) {
      await check(store, {
        metric: 'stage_conversion',
        part: 'denominator',
        ...q,
        group: row.group,
      })
      if (row.numerator !== null) {
        await check(store, {
          metric: 'stage_conversion',
          part: 'numerator',
          ...q,
          group: row.group,
        })
      }
    }
  })

  it('quota attainment: the reps with a quota and those who met it', async () => {
    const store = await storeWith(fixture('pipeline-coverage'))
    const q = { from: '2026-07-01', to: '2026-09-30' }
    const all = await check(store, { metric: 'quota_attainment_rate', part: 'denominator', ...q })
    expect(all.columns.map((c) => c.name)).toContain('attainment')
    await check(store, { metric: 'quota_attainment_rate', part: 'numerator', ...q })
  })
})

describe('drill-down records carry names beside ids', () => {
  it('account and owner names follow their ids; an owner without a rep record has none', async () => {
    // The win-rate fixture has accounts (a1 Acme, a2 Bolt) and no reps file: r1, r2 are bare ids.
    const store = await storeWith(fixture('win-rate'))
    const settings = await readSettings(store)
    const result = await drilldown(
      store,
      {
        metric: 'win_rate',
        part: 'numerator',
        from: '2026-04-01',
        to: '2026-06-30',
        asOf: '2026-09-30',
        page_size: 100,
      },
      settings,
    )
    const names = result.columns.map((c) => c.name)
    expect(names.indexOf('account_name')).toBe(names.indexOf('account_id') + 1)
    expect(names.indexOf('owner_name')).toBe(names.indexOf('owner_id') + 1)
    const byId = Object.fromEntries(result.rows.map((r) => [r.id, r]))
    expect(byId.w1).toMatchObject({ account_id: 'a1', account_name: 'Acme', owner_name: null })
    expect(byId.w3).toMatchObject({ account_id: 'a2', account_name: 'Bolt' })
    await store.close()
  })
})

import { describe, expect, it } from 'vitest'
import { rowOf, run, storeWith, writeFixture } from '../helpers.js'

// r1 won 100 in Q1 2026 and 50 in Q2; r2 won 200 in Q1 and nothing in Q2.
const won = (id: string, owner: string, amount: number, closed: string) => ({
  id,
  owner_id: owner,
  status: 'won',
  amount,
  created_on: '2026-01-01',
  closed_on: closed,
  source: 'web',
})
const deals = (more: Parameters<typeof writeFixture>[0] = {}) =>
  writeFixture({
    opportunities: [
      won('a', 'r1', 100, '2026-02-01'),
      won('b', 'r1', 50, '2026-05-01'),
      won('c', 'r2', 200, '2026-02-01'),
    ],
    ...more,
  })

describe('groups', () => {
  it('a rep with sales only in the period before still has a row (at 0, growth −100%)', async () => {
    const store = await storeWith(deals())
    const revenue = await run(store, 'total_revenue', { by: ['rep'], compare: 'previous' })
    expect(rowOf(revenue, { rep: 'r2' })).toMatchObject({ value: 0, previous: 200, change: -200 })
    expect(rowOf(revenue, { rep: 'r1' })).toMatchObject({ value: 50, previous: 100, change: -50 })
    const growth = await run(store, 'revenue_growth', { by: ['rep'] })
    expect(growth.map((r) => [r.group.rep, r.value])).toEqual([
      ['r1', -0.5],
      ['r2', -1],
    ])
  })

  it('a grouped period with no data at all gives one row that says so', async () => {
    const store = await storeWith(deals())
    const rows = await run(store, 'win_rate', {
      by: ['source'],
      from: '2025-10-01',
      to: '2025-12-31',
    })
    expect(rows).toEqual([
      expect.objectContaining({ group: { source: null }, value: null, reason: 'no_data' }),
    ])
  })

  it('forecast accuracy has one scope at a time: one grouping, filters on it only', async () => {
    const store = await storeWith(deals({ reps: [{ id: 'r1', name: 'One', team: 'North' }] }))
    const reasonOf = async (query: Parameters<typeof run>[2]) =>
      (await run(store, 'forecast_accuracy', query)).map((r) => r.reason)
    // Company forecast against one rep's revenue would be a wrong number.
    expect(await reasonOf({ filters: { rep: ['r1'] } })).toEqual(['unsupported_filter'])
    expect(await reasonOf({ by: ['rep'], filters: { team: ['North'] } })).toEqual([
      'unsupported_filter',
    ])
    expect(await reasonOf({ by: ['team', 'rep'] })).toEqual(['unsupported_grouping'])
  })

  it('a row carries the target set for its metric, period and scope', async () => {
    const dir = writeFixture({
      opportunities: [won('a', 'r1', 100, '2026-05-01')],
      reps: [{ id: 'r1', name: 'One', team: 'North' }],
      targets: [
        {
          metric: 'total_revenue',
          period_start: '2026-04-01',
          period_end: '2026-06-30',
          value: 500,
        },
        {
          metric: 'total_revenue',
          period_start: '2026-04-01',
          period_end: '2026-06-30',
          scope: 'team:North',
          value: 200,
        },
        // Another period: not this row's target.
        { metric: 'total_revenue', period_start: '2026-04-01', period_end: '2026-04-30', value: 9 },
      ],
    })
    const store = await storeWith(dir)
    expect((await run(store, 'total_revenue'))[0]).toMatchObject({ value: 100, target: 500 })
    expect((await run(store, 'total_revenue', { by: ['team'] }))[0]).toMatchObject({ target: 200 })
    expect((await run(store, 'win_rate'))[0]).not.toHaveProperty('target')
  })
})

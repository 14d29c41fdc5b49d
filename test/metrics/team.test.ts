import { describe, expect, it } from 'vitest'
import { drilldown } from '../../src/metrics/drilldown.js'
import type { MetricQuery } from '../../src/metrics/query-schema.js'
import type { ResultRow } from '../../src/metrics/result-row.js'
import { readSettings } from '../../src/store/settings.js'
import { fixture, one, pad, rowOf, run, storeWith, times, vnd, writeFixture } from '../helpers.js'

/**
 * Team fixture, Q2 2026. Reps r01..r20 (r01..r10 north, r11..r20 south), each with a quota of
 * 50,000 for Q2; r21 left on Mar 31 and r22 joins on Jul 1 (neither active in Q2, no quota).
 * Won in Q2: r01..r14 two deals of 30,000 (60,000: 120%); r15 one of exactly 50,000 (100%);
 * r16..r20 one of 22,000 (44%). Total 840,000 + 50,000 + 110,000 = 1,000,000.
 */
function teamFixture(): string {
  const rep = (i: number) => pad('r', i, 2)
  const reps = [
    ...times(20, (i) => ({
      id: rep(i + 1),
      name: `Rep ${i + 1}`,
      team: i < 10 ? 'north' : 'south',
    })),
    { id: 'r21', name: 'Gone', team: 'north', active_to: '2026-03-31' },
    { id: 'r22', name: 'Joining', team: 'south', active_from: '2026-07-01' },
  ]
  const quotas = times(20, (i) => ({
    rep_id: rep(i + 1),
    period_start: '2026-04-01',
    period_end: '2026-06-30',
    amount: 50000,
  }))
  const deal = (id: string, owner: string, amount: number) => ({
    id,
    owner_id: owner,
    status: 'won',
    amount,
    created_on: '2026-03-01',
    closed_on: '2026-05-15',
  })
  const opportunities = [
    ...times(14, (i) => deal(`d${i + 1}a`, rep(i + 1), 30000)),
    ...times(14, (i) => deal(`d${i + 1}b`, rep(i + 1), 30000)),
    deal('d15', 'r15', 50000),
    ...times(5, (i) => deal(`d${i + 16}`, rep(i + 16), 22000)),
  ]
  return writeFixture({ reps, quotas, opportunities })
}

describe('quota_attainment_rate', () => {
  it('15 of 20 reps at or above quota → 0.75 (design §4)', async () => {
    const store = await storeWith(teamFixture())
    expect(vnd(await one(store, 'quota_attainment_rate'))).toEqual({
      value: 0.75,
      numerator: 15,
      denominator: 20,
    })
  })

  it('grouped by rep: attainment = revenue / quota', async () => {
    const store = await storeWith(teamFixture())
    const rows = await run(store, 'quota_attainment_rate', { by: ['rep'] })
    expect(rows).toHaveLength(20) // reps without a quota (r21, r22) have no attainment
    expect(vnd(rowOf(rows, { rep: 'r01' }))).toEqual({
      value: 1.2,
      numerator: 60_000,
      denominator: 50_000,
    })
    expect(vnd(rowOf(rows, { rep: 'r15' }))).toEqual({
      value: 1,
      numerator: 50_000,
      denominator: 50_000,
    })
    expect(vnd(rowOf(rows, { rep: 'r16' }))).toEqual({
      value: 0.44,
      numerator: 22_000,
      denominator: 50_000,
    })
  })

  it("a rep's attainment drills to the rep's won deals (60,000) and quota (50,000)", async () => {
    const store = await storeWith(teamFixture())
    const settings = await readSettings(store)
    const q = {
      metric: 'quota_attainment_rate',
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: '2026-09-30',
      group: { rep: 'r01' },
    }
    const won = await drilldown(store, { ...q, part: 'numerator' }, settings)
    expect(won.row).toMatchObject({ numerator: 60_000, denominator: 50_000 })
    expect(won.rows.map((r) => r.id).sort()).toEqual(['d1a', 'd1b'])
    expect(won.rows.reduce((s, r) => s + Number(r.amount_base), 0)).toBe(60_000)
    expect(won.rows[0]).toMatchObject({ owner_id: 'r01', owner_name: 'Rep 1' })
    const quota = await drilldown(store, { ...q, part: 'denominator' }, settings)
    expect(quota.rows).toEqual([
      expect.objectContaining({ rep_id: 'r01', rep_name: 'Rep 1', quota: 50_000, revenue: 60_000 }),
    ])
    // Company-wide the parts stay the reps counted: 15 at or above quota of 20.
    const attained = await drilldown(
      store,
      { ...q, group: {}, part: 'numerator', page_size: 100 },
      settings,
    )
    expect(attained.total).toBe(15)
    await store.close()
  })

  it('grouped by team: north 10 / 10, south 5 / 10', async () => {
    const store = await storeWith(teamFixture())
    const rows = await run(store, 'quota_attainment_rate', { by: ['team'] })
    expect(rows.map((r) => [r.group.team, r.value, r.numerator, r.denominator])).toEqual([
      ['north', 1, 10, 10],
      ['south', 0.5, 5, 10],
    ])
  })

  it('grouped by team and rep: a rep who moved counts the whole quarter, both teams', async () => {
    // r1 sells 1 in April for alpha and 2 in May for beta; Q2's quota of 3 belongs to the team
    // at its start (alpha) and is attained, 3 of 3: a rep's revenue is the whole period's,
    // whichever team. It is a grouping set of the revenue scan that leaves team out
    // (CompileInput.repSet): read from the rows grouped by team too, it would be 1 or 2.
    const store = await storeWith(
      writeFixture({
        reps: [{ id: 'r1', name: 'One', team: 'beta' }],
        rep_teams: [
          { rep_id: 'r1', team: 'alpha', valid_from: '', valid_to: '2026-04-30' },
          { rep_id: 'r1', team: 'beta', valid_from: '2026-05-01', valid_to: '' },
        ],
        quotas: [{ rep_id: 'r1', period_start: '2026-04-01', period_end: '2026-06-30', amount: 3 }],
        opportunities: [
          { id: 'x', owner_id: 'r1', status: 'won', amount: 1, closed_on: '2026-04-10' },
          { id: 'y', owner_id: 'r1', status: 'won', amount: 2, closed_on: '2026-05-10' },
        ].map((d) => ({ ...d, created_on: '2026-04-01' })),
      }),
    )
    const parts = (rows: ResultRow[]) => rows.map((r) => [r.group.rep, r.numerator, r.denominator])
    expect(parts(await run(store, 'quota_attainment_rate', { by: ['rep'] }))).toEqual([
      ['r1', 3, 3],
    ])
    const both = await run(store, 'quota_attainment_rate', { by: ['team', 'rep'] })
    expect(both.map((r) => [r.group.team, r.group.rep, r.numerator, r.denominator])).toEqual([
      ['alpha', 'r1', 3, 3],
    ])
    const byTeam = await run(store, 'quota_attainment_rate', { by: ['team'] })
    expect(byTeam.map((r) => [r.group.team, r.numerator, r.denominator])).toEqual([['alpha', 1, 1]])
    await store.close()
  })

  it("with quota attainment in the batch, the revenue scan's own rows are unchanged", async () => {
    // The scan of closed deals also forms the per-rep set then: the plain metrics read from
    // it must be what they are alone — ungrouped, by team, by team and rep, filtered.
    const store = await storeWith(teamFixture())
    const plain = ['total_revenue', 'win_rate', 'average_deal_size']
    const queries: Partial<MetricQuery>[] = [
      {},
      { by: ['team'] },
      { by: ['rep', 'team'] },
      { by: ['team'], filters: { team: ['north'] } },
    ]
    for (const query of queries) {
      const together = await run(store, [...plain, 'quota_attainment_rate'], query)
      const alone = await run(store, plain, query)
      expect(together.filter((r) => plain.includes(r.metric))).toEqual(alone)
      expect(together.some((r) => r.metric === 'quota_attainment_rate')).toBe(true)
    }
    await store.close()
  })

  it('an annual quota is prorated by days; works without a reps file', async () => {
    // 2026 quota 365,000: Q2 has 91 days → 91,000. Won 91,000 → attained; r2 won 90,000 of its
    // 91,000 → not. No reps.csv: the quota and the deals still meet on the rep id.
    const dir = writeFixture({
      quotas: [
        { rep_id: 'x1', period_start: '2026-01-01', period_end: '2026-12-31', amount: 365000 },
        { rep_id: 'x2', period_start: '2026-01-01', period_end: '2026-12-31', amount: 365000 },
      ],
      opportunities: [
        {
          id: 'a',
          owner_id: 'x1',
          status: 'won',
          amount: 91000,
          created_on: '2026-04-01',
          closed_on: '2026-06-30',
        },
        {
          id: 'b',
          owner_id: 'x2',
          status: 'won',
          amount: 90000,
          created_on: '2026-04-01',
          closed_on: '2026-04-01',
        },
      ],
    })
    const store = await storeWith(dir)
    expect(vnd(await one(store, 'quota_attainment_rate'))).toEqual({
      value: 0.5,
      numerator: 1,
      denominator: 2,
    })
    const rows = await run(store, 'quota_attainment_rate', { by: ['rep'] })
    expect(vnd(rowOf(rows, { rep: 'x1' }))).toEqual({
      value: 1,
      numerator: 91_000,
      denominator: 91_000,
    })
  })

  it('is null (no_quota) without quotas', async () => {
    const store = await storeWith(teamFixture())
    const r = await one(store, 'quota_attainment_rate', { from: '2026-07-01', to: '2026-09-30' })
    expect(r).toMatchObject({ value: null, reason: 'no_quota' })
  })
})

describe('rep_productivity', () => {
  it('1,000,000 / 20 active reps → 50,000 (design §4)', async () => {
    // r21 (left Mar 31) and r22 (joins Jul 1) are not active in Q2.
    const store = await storeWith(teamFixture())
    expect(vnd(await one(store, 'rep_productivity'))).toEqual({
      value: 50_000,
      numerator: 1_000_000,
      denominator: 20,
    })
  })

  it('by team: north 600,000 / 10, south 400,000 / 10', async () => {
    const store = await storeWith(teamFixture())
    const rows = await run(store, 'rep_productivity', { by: ['team'] })
    expect(rows.map((r) => [r.group.team, r.value, r.numerator, r.denominator])).toEqual([
      ['north', 60_000, 600_000, 10],
      ['south', 40_000, 400_000, 10],
    ])
  })

  it('is 0 in a period with active reps and no revenue; null without reps', async () => {
    const store = await storeWith(teamFixture())
    const q3 = await one(store, 'rep_productivity', { from: '2026-07-01', to: '2026-09-30' })
    // Q3: r01..r20 and r22 are active.
    expect(vnd(q3)).toEqual({ value: 0, numerator: 0, denominator: 21 })
    const empty = await storeWith(writeFixture({}))
    expect(await one(empty, 'rep_productivity')).toMatchObject({
      value: null,
      reason: 'no_active_reps',
    })
  })
})

describe('time_spent_selling', () => {
  // time-selling fixture, Q2 2026:
  // r1 selling: calls 5 × 2 h, meetings 3 × 4 h, demo 4 h, admin flagged selling 4 h = 30 h;
  //    not selling: admin 3 h, call flagged not selling 3 h; a July meeting is outside Q2.
  //    Worked 40 h → 30 / 40 = 0.75 (not 30 / 36 logged).
  // r2 worked 61 h over Jun 1..Jul 31, 30 of those 61 days in Q2 → 30 h; call 15 h, travel 5 h
  //    → 15 / 30 = 0.5.
  it('30 selling hours of 40 worked → 0.75 (design §4); by rep', async () => {
    const store = await storeWith(fixture('time-selling'))
    const rows = await run(store, 'time_spent_selling', { by: ['rep'] })
    expect(vnd(rowOf(rows, { rep: 'r1' }))).toEqual({ value: 0.75, numerator: 30, denominator: 40 })
    expect(vnd(rowOf(rows, { rep: 'r2' }))).toEqual({ value: 0.5, numerator: 15, denominator: 30 })
    const all = await one(store, 'time_spent_selling')
    expect(all).toMatchObject({ numerator: 45, denominator: 70 })
    expect(all.value).toBeCloseTo(45 / 70, 12)
  })

  it('without work_time: selling / all logged activity hours (30 of 40)', async () => {
    // time-selling-fallback: call 10 h + meeting 20 h selling; admin 5 h + travel 5 h +
    // internal 0 h not; a July call is outside Q2. No reps file, no activity ids.
    const store = await storeWith(fixture('time-selling-fallback'))
    expect(vnd(await one(store, 'time_spent_selling'))).toEqual({
      value: 0.75,
      numerator: 30,
      denominator: 40,
    })
    const rows = await run(store, 'time_spent_selling', { by: ['rep'] })
    expect(rows.map((r) => [r.group.rep, r.value])).toEqual([['r1', 0.75]])
  })

  it('is null (no_time_logged) without time', async () => {
    const store = await storeWith(fixture('time-selling'))
    const r = await one(store, 'time_spent_selling', { from: '2025-01-01', to: '2025-03-31' })
    expect(r).toMatchObject({ value: null, reason: 'no_time_logged' })
  })
})

describe('time_spent_selling with work time for some reps only', () => {
  it('falls back to logged hours per rep: (30 + 40) / (40 worked + 40 logged) = 87.5%', async () => {
    // r1: 30 selling hours of calls, 40 h of work_time. r2: 40 selling hours, no work_time.
    const call = (rep: string, i: number) => ({
      rep_id: rep,
      type: 'call',
      started_at: `2026-05-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + Math.floor(i / 28)).padStart(2, '0')}:00:00`,
      duration_minutes: 60,
    })
    const dir = writeFixture({
      activities: [
        ...Array.from({ length: 30 }, (_, i) => call('r1', i)),
        ...Array.from({ length: 40 }, (_, i) => call('r2', i)),
      ],
      work_time: [
        { rep_id: 'r1', period_start: '2026-05-04', period_end: '2026-05-08', hours: 40 },
      ],
    })
    const store = await storeWith(dir)
    expect(vnd(await one(store, 'time_spent_selling'))).toEqual({
      value: 0.875,
      numerator: 70,
      denominator: 80,
    })
    const byRep = await run(store, 'time_spent_selling', { by: ['rep'] })
    expect(byRep.map((r) => [r.group.rep, r.value])).toEqual([
      ['r1', 0.75],
      ['r2', 1],
    ])
  })
})

/**
 * Row-level scoping (src/access/scope.ts) against every path of the query layer: a scoped
 * query sees the scope's reps' records and nothing else, in every metric of the catalogue,
 * by rep and by team, in the drill-down, the funnel, the dimension lists and the quality
 * report. The oracle for "a rep's own numbers" is a second store holding only their records.
 *
 * Fixture: m1 (a manager, East) ← r1 (East) ← r2 (East, North before Q2): r2 is m1's through
 * r1; r3 (West) reports to nobody. Deals of each, plus one with no owner and one owned by
 * 'zz', who is not in reps. Spend, subscriptions and company forecasts belong to no rep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkGroup,
  resolveScope,
  scopeDimensionValues,
  scopeDrilldown,
  scopeQualityOptions,
  scopeQuery,
  type AccessScope,
} from '../../src/access/scope.js'
import { isMiernikError } from '../../src/errors.js'
import { catalog, getMetric } from '../../src/metrics/catalog.js'
import { compute } from '../../src/metrics/compute.js'
import { dimensionValues } from '../../src/metrics/dimension-values.js'
import { drilldown, type Drilldown } from '../../src/metrics/drilldown.js'
import { funnelView } from '../../src/metrics/funnel-view.js'
import type { MetricQuery } from '../../src/metrics/query-schema.js'
import type { ResultRow } from '../../src/metrics/result-row.js'
import { unsupportedBecause } from '../../src/metrics/slicing.js'
import { qualityReport } from '../../src/quality/report.js'
import { readSettings, type Settings } from '../../src/store/settings.js'
import type { Store } from '../../src/store/store.js'
import { openStore } from '../../src/store/open-store.js'
import { memoryLocation } from '../engine.js'
import { emptyStore, importDir, writeFixture, type Rec } from '../helpers.js'

const Q2 = { from: '2026-04-01', to: '2026-06-30', asOf: '2026-09-30' } as const
const allMetrics = catalog.map((m) => m.id)

// ---------- the fixture ----------

const reps: Rec[] = [
  { id: 'm1', name: 'Mia Manager', email: 'M1@Example.COM', team: 'East', manager_id: '' },
  { id: 'r1', name: 'Rob One', email: 'r1@example.com', team: 'East', manager_id: 'm1' },
  { id: 'r2', name: 'Rae Two', email: 'r2@example.com', team: 'East', manager_id: 'r1' },
  { id: 'r3', name: 'Rex Three', email: 'r3@example.com', team: 'West', manager_id: '' },
]
const repTeams: Rec[] = [
  { rep_id: 'r2', team: 'North', valid_from: '2025-01-01', valid_to: '2026-03-31' },
  { rep_id: 'r2', team: 'East', valid_from: '2026-04-01', valid_to: '' },
]
const accounts: Rec[] = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id, i) => ({
  id,
  name: `Account ${id}`,
  segment: i % 2 ? 'SMB' : 'Enterprise',
  region: i < 3 ? 'North' : 'South',
}))
const stages: Rec[] = [
  { pipeline: 'default', stage: 'prospect', position: 1, probability: 10, kind: 'open' },
  { pipeline: 'default', stage: 'proposal', position: 2, probability: 50, kind: 'open' },
  { pipeline: 'default', stage: 'won', position: 3, probability: 100, kind: 'won' },
  { pipeline: 'default', stage: 'lost', position: 4, probability: 0, kind: 'lost' },
]

/** Each owner's deals; amounts differ per owner so every rep's numbers differ from the company's. */
const owners: { id: string; amount: number; account: string }[] = [
  { id: 'm1', amount: 1000, account: 'a1' },
  { id: 'r1', amount: 2000, account: 'a2' },
  { id: 'r2', amount: 3000, account: 'a3' },
  { id: 'r3', amount: 5000, account: 'a4' },
  { id: '', amount: 700, account: 'a5' },
  { id: 'zz', amount: 11000, account: 'a6' },
]
const opportunities: Rec[] = []
const stageChanges: Rec[] = []
for (const [k, o] of owners.entries()) {
  const p = o.id || 'nobody'
  const deal = (
    suffix: string,
    status: string,
    stage: string,
    amount: number | '',
    created: string,
    closed: string,
    expected = '',
  ) => {
    const id = `${p}-${suffix}`
    opportunities.push({
      id,
      name: `${p} ${suffix}`,
      account_id: o.account,
      owner_id: o.id,
      source: k % 2 ? 'web' : 'referral',
      product: k < 3 ? 'Basic' : 'Pro',
      pipeline: 'default',
      stage,
      status,
      amount,
      created_on: created,
      closed_on: closed,
      expected_close_on: expected || closed,
      lost_reason: status === 'lost' ? 'price' : '',
    })
    if (created >= '2026-04-01') {
      stageChanges.push({
        opportunity_id: id,
        stage: 'prospect',
        entered_at: `${created}T09:00:00`,
      })
      stageChanges.push({
        opportunity_id: id,
        stage: 'proposal',
        entered_at: `2026-04-${String(15 + k).padStart(2, '0')}T09:00:00`,
      })
      if (closed) stageChanges.push({ opportunity_id: id, stage, entered_at: `${closed}T09:00:00` })
    }
    return id
  }
  deal('q1', 'won', 'won', o.amount / 2, '2025-12-01', '2026-02-15')
  deal('w1', 'won', 'won', o.amount, '2026-03-01', '2026-05-01')
  if (k % 2 === 1) deal('w2', 'won', 'won', o.amount * 2, '2026-04-05', '2026-06-10')
  deal('l1', 'lost', 'lost', o.amount, '2026-04-02', '2026-05-20')
  deal('o1', 'open', 'proposal', o.amount * 3, '2026-04-10', '', '2026-07-15')
  // Quality problems: open without an amount (every owner), stale since creation.
  deal('n1', 'open', 'prospect', '', '2026-04-03', '', '2026-08-01')
}
const leads: Rec[] = owners.flatMap((o, k) => [
  {
    id: `${o.id || 'nobody'}-lead1`,
    created_on: '2026-04-02',
    source: 'web',
    owner_id: o.id,
    account_id: o.account,
    qualified_on: '2026-04-20',
    converted_on: k % 2 ? '2026-05-01' : '',
  },
  {
    id: `${o.id || 'nobody'}-lead2`,
    created_on: '2026-05-02',
    source: 'referral',
    owner_id: o.id,
    account_id: o.account,
    qualified_on: k < 2 ? '2026-05-20' : '',
  },
])
const repIds = ['m1', 'r1', 'r2', 'r3']
const activities: Rec[] = repIds.flatMap((r, k) =>
  Array.from({ length: k + 1 }, (_, i) => ({
    id: `${r}-act${i}`,
    rep_id: r,
    type: i % 2 ? 'meeting' : 'call',
    started_at: `2026-05-${String(10 + i).padStart(2, '0')}T10:00:00`,
    duration_minutes: 30 * (k + 1),
  })),
)
const workTime: Rec[] = repIds.map((r, k) => ({
  rep_id: r,
  period_start: '2026-04-01',
  period_end: '2026-06-30',
  hours: 400 + 10 * k,
}))
const quotas: Rec[] = [
  ...repIds.map((r, k) => ({
    rep_id: r,
    period_start: '2026-04-01',
    period_end: '2026-06-30',
    amount: 8000 + 1000 * k,
  })),
  // An overlapping quota row of r3 (a quality problem of r3's).
  { rep_id: 'r3', period_start: '2026-05-01', period_end: '2026-05-31', amount: 1000 },
]
const spend: Rec[] = [
  {
    period_start: '2026-04-01',
    period_end: '2026-06-30',
    category: 'marketing',
    channel: 'web',
    amount: 6000,
  },
  { period_start: '2026-04-01', period_end: '2026-06-30', category: 'sales', amount: 4000 },
]
const subscriptions: Rec[] = [
  { id: 's1', account_id: 'a1', started_on: '2025-01-01', recurring_amount: 100 },
  {
    id: 's2',
    account_id: 'a4',
    started_on: '2025-06-01',
    ended_on: '2026-05-31',
    recurring_amount: 300,
  },
  { id: 's3', account_id: 'a2', started_on: '2026-05-01', recurring_amount: 200 },
]
const forecasts: Rec[] = [
  {
    made_on: '2026-03-15',
    period_start: '2026-04-01',
    period_end: '2026-06-30',
    scope: 'company',
    amount: 30000,
    category: 'commit',
  },
  {
    made_on: '2026-03-15',
    period_start: '2026-04-01',
    period_end: '2026-06-30',
    scope: 'rep:r1',
    amount: 5000,
    category: 'commit',
  },
  {
    made_on: '2026-03-15',
    period_start: '2026-04-01',
    period_end: '2026-06-30',
    scope: 'team:East',
    amount: 12000,
    category: 'commit',
  },
]
const targets: Rec[] = [
  {
    metric: 'total_revenue',
    period_start: '2026-04-01',
    period_end: '2026-06-30',
    scope: 'company',
    value: 50000,
  },
  {
    metric: 'total_revenue',
    period_start: '2026-04-01',
    period_end: '2026-06-30',
    scope: 'rep:r1',
    value: 7000,
  },
  {
    metric: 'total_revenue',
    period_start: '2026-04-01',
    period_end: '2026-06-30',
    scope: 'team:East',
    value: 20000,
  },
]

/** The whole company (shared by the tests, closed after them all). */
async function companyStore(): Promise<Store> {
  const store = await openStore(memoryLocation(), { create: true })
  await importDir(
    store,
    writeFixture({
      reps,
      rep_teams: repTeams,
      accounts,
      stages,
      opportunities,
      stage_changes: stageChanges,
      leads,
      activities,
      work_time: workTime,
      quotas,
      spend,
      subscriptions,
      forecasts,
      targets,
    }),
  )
  // Stored e-mails as people type them: matched trimmed and without case.
  await store.run(`UPDATE reps SET email = ' M1@Example.COM ' WHERE id = 'm1'`)
  return store
}

/** Only the records of these reps (the oracle of what a scope's numbers are). */
async function onlyStore(ids: readonly string[]): Promise<Store> {
  const mine = (v: unknown) => ids.includes(String(v))
  const deals = opportunities.filter((o) => mine(o.owner_id))
  const store = await emptyStore()
  const nonEmpty = (files: Record<string, Rec[]>) =>
    Object.fromEntries(Object.entries(files).filter(([, rows]) => rows.length > 0))
  await importDir(
    store,
    writeFixture(
      nonEmpty({
        reps: reps
          .filter((r) => mine(r.id))
          .map((r) => ({ ...r, manager_id: mine(r.manager_id) ? r.manager_id : '' })),
        rep_teams: repTeams.filter((r) => mine(r.rep_id)),
        accounts,
        stages,
        opportunities: deals,
        stage_changes: stageChanges.filter((s) => deals.some((d) => d.id === s.opportunity_id)),
        leads: leads.filter((l) => mine(l.owner_id)),
        activities: activities.filter((a) => mine(a.rep_id)),
        work_time: workTime.filter((w) => mine(w.rep_id)),
        quotas: quotas.filter((q) => mine(q.rep_id)),
        // A rep's own forecasts are theirs; the company's and a team's are not.
        forecasts: forecasts.filter((f) => mine(String(f.scope).replace(/^rep:/, ''))),
      }),
    ),
  )
  return store
}

const forbidden = (fn: () => unknown, message: RegExp) => {
  try {
    fn()
  } catch (e) {
    expect(isMiernikError(e) && e.code).toBe('FORBIDDEN')
    expect((e as Error).message).toMatch(message)
    return
  }
  throw new Error('expected FORBIDDEN')
}

const key = (r: ResultRow) => `${r.metric} ${JSON.stringify(r.group)}`
const byKey = (rows: ResultRow[]) => new Map(rows.map((r) => [key(r), r]))
const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))

let store: Store
let settings: Settings
const scopes: Record<string, AccessScope> = {}

beforeAll(async () => {
  store = await companyStore()
  settings = await readSettings(store)
  scopes.admin = await resolveScope(store, { role: 'admin', email: 'boss@example.com' })
  scopes.m1 = await resolveScope(store, { role: 'manager', email: '  m1@example.com ' })
  scopes.r1 = await resolveScope(store, { role: 'rep', email: 'R1@example.com' })
  scopes.r2 = await resolveScope(store, { role: 'rep', email: 'r2@example.com' })
  scopes.r3 = await resolveScope(store, { role: 'rep', email: 'r3@example.com' })
})
afterAll(async () => {
  await store.close()
})

describe('resolveScope', () => {
  it('admin sees all; a rep their rep ids; a manager theirs and everyone below, transitively', async () => {
    expect(scopes.admin).toEqual({ kind: 'all' })
    expect(scopes.m1).toEqual({ kind: 'reps', reps: ['m1', 'r1', 'r2'], teams: ['East', 'North'] })
    expect(scopes.r1).toEqual({ kind: 'reps', reps: ['r1'], teams: ['East'] })
    expect(scopes.r2).toEqual({ kind: 'reps', reps: ['r2'], teams: ['East', 'North'] })
    expect(scopes.r3).toEqual({ kind: 'reps', reps: ['r3'], teams: ['West'] })
    // r1 as a manager: r2 reports to them.
    expect(await resolveScope(store, { role: 'manager', email: 'r1@example.com' })).toEqual({
      kind: 'reps',
      reps: ['r1', 'r2'],
      teams: ['East', 'North'],
    })
    // A manager with nobody below is a rep; a rep role never walks the hierarchy.
    expect(await resolveScope(store, { role: 'rep', email: 'm1@example.com' })).toEqual({
      kind: 'reps',
      reps: ['m1'],
      teams: ['East'],
    })
  })

  it('a user with no rep row sees nothing, and every query says why', async () => {
    for (const role of ['rep', 'manager'] as const) {
      const scope = await resolveScope(store, { role, email: 'nobody@example.com' })
      expect(scope).toEqual({ kind: 'reps', reps: [], teams: [] })
      forbidden(() => scopeQuery({ filters: {} }, scope), /not linked to any rep/)
      forbidden(() => scopeQualityOptions({ asOf: Q2.asOf }, scope), /not linked/)
      forbidden(() => checkGroup({}, scope), /not linked/)
    }
    expect(await resolveScope(store, { role: 'rep', email: '  ' })).toEqual({
      kind: 'reps',
      reps: [],
      teams: [],
    })
  })

  it('a manager_id cycle ends the walk', async () => {
    const s = await emptyStore()
    await importDir(
      s,
      writeFixture({
        reps: [
          { id: 'a', name: 'A', email: 'a@x.pl', manager_id: 'c' },
          { id: 'b', name: 'B', email: 'b@x.pl', manager_id: 'a' },
          { id: 'c', name: 'C', email: 'c@x.pl', manager_id: 'b' },
          { id: 'd', name: 'D', email: 'd@x.pl', manager_id: 'd' },
          { id: 'e', name: 'E', email: 'e@x.pl', manager_id: 'd' },
        ],
      }),
    )
    expect(await resolveScope(s, { role: 'manager', email: 'b@x.pl' })).toMatchObject({
      reps: ['a', 'b', 'c'],
    })
    expect(await resolveScope(s, { role: 'manager', email: 'd@x.pl' })).toMatchObject({
      reps: ['d', 'e'],
    })
  })
})

describe('scopeQuery', () => {
  it('admins pass unchanged; a scope without a rep filter gets its reps', () => {
    const q = { metrics: ['win_rate'], ...Q2, filters: { segment: ['SMB'] } }
    expect(scopeQuery(q, scopes.admin as AccessScope)).toBe(q)
    expect(scopeQuery(q, scopes.m1 as AccessScope)).toEqual({
      ...q,
      filters: { segment: ['SMB'], rep: ['m1', 'r1', 'r2'] },
    })
    expect(scopeQuery({ metrics: ['win_rate'] }, scopes.r1 as AccessScope)).toEqual({
      metrics: ['win_rate'],
      filters: { rep: ['r1'] },
    })
    // Asking for some of one's reps narrows to them.
    expect(scopeQuery({ filters: { rep: ['r2'] } }, scopes.m1 as AccessScope).filters).toEqual({
      rep: ['r2'],
    })
    expect(scopeQuery({ filters: { team: ['North'] } }, scopes.m1 as AccessScope).filters).toEqual({
      team: ['North'],
      rep: ['m1', 'r1', 'r2'],
    })
  })

  it('reps or teams outside the scope are refused, existing or not', () => {
    const r1 = scopes.r1 as AccessScope
    const m1 = scopes.m1 as AccessScope
    for (const rep of [['r3'], ['r1', 'r3'], ['no-such-rep'], ['zz']]) {
      forbidden(
        () => scopeQuery({ filters: { rep } }, r1),
        /^the rep filter asks for reps outside what you may see$/,
      )
    }
    forbidden(() => scopeQuery({ filters: { rep: ['r2', 'r3'] } }, m1), /outside what you may see/)
    forbidden(() => scopeQuery({ filters: { team: ['West'] } }, r1), /team filter/)
    forbidden(() => scopeQuery({ filters: { team: ['Typo'] } }, m1), /team filter/)
  })

  it('drill-down groups outside the scope are refused', () => {
    const m1 = scopes.m1 as AccessScope
    expect(() => checkGroup({ rep: 'r2' }, m1)).not.toThrow()
    expect(() => checkGroup({ team: 'North' }, m1)).not.toThrow()
    expect(() => checkGroup({ pipeline: 'default', stage: 'won' }, m1)).not.toThrow()
    expect(() => checkGroup({ rep: 'r3' }, scopes.admin as AccessScope)).not.toThrow()
    forbidden(() => checkGroup({ rep: 'r3' }, m1), /drill-down asks for a rep outside/)
    forbidden(() => checkGroup({ rep: null }, m1), /drill-down asks for a rep outside/)
    forbidden(() => checkGroup({ team: 'West' }, m1), /drill-down asks for a team outside/)
    forbidden(
      () => scopeDrilldown({ group: { rep: 'r3' }, filters: {} }, scopes.r1 as AccessScope),
      /rep outside/,
    )
  })
})

describe('every metric of the catalogue', () => {
  for (const name of ['r1', 'r2', 'r3', 'm1']) {
    it(`${name}'s company view is their own numbers, never the company's`, async () => {
      const scope = scopes[name] as AccessScope & { kind: 'reps' }
      const query: MetricQuery = { metrics: allMetrics, ...Q2, compare: 'previous' }
      const scoped = await compute(store, scopeQuery(query, scope))
      const filtered = await compute(store, { ...query, filters: { rep: [...scope.reps] } })
      expect(scoped).toEqual(filtered)
      const company = byKey(await compute(store, query))
      const own = byKey(await compute(await onlyStore(scope.reps), query))
      const problems: string[] = []
      for (const row of scoped) {
        const theirs = own.get(key(row))
        const all = company.get(key(row))
        if (row.reason === 'unsupported_filter') {
          expect(row.value).toBeNull()
          expect(unsupportedBecause(getMetric(row.metric), [], ['rep'])).toBe('unsupported_filter')
          continue
        }
        if (
          !theirs ||
          !close(row.value, theirs.value) ||
          !close(row.previous ?? null, theirs.previous ?? null)
        ) {
          problems.push(
            `${key(row)}: scoped ${row.value} (prev ${row.previous}), own data ${theirs?.value} (prev ${theirs?.previous}), company ${all?.value}`,
          )
        }
      }
      expect(problems).toEqual([])
      // Where the company's number differs from theirs, they never get the company's.
      const differing = scoped.filter((r) => {
        const all = company.get(key(r))
        return all && all.value !== null && !close(all.value, own.get(key(r))?.value ?? null)
      })
      expect(differing.length).toBeGreaterThan(10)
      for (const r of differing)
        expect(close(r.value, company.get(key(r))?.value ?? null)).toBe(false)
    })
  }

  it("the manager's rows by rep and by team are those of their reps' records alone", async () => {
    const scope = scopes.m1 as AccessScope & { kind: 'reps' }
    const own = await onlyStore(scope.reps)
    for (const by of [['rep'], ['team']] as const) {
      const query: MetricQuery = { metrics: allMetrics, ...Q2, by: [...by], compare: 'previous' }
      const scoped = await compute(store, scopeQuery(query, scope))
      const theirs = byKey(await compute(own, query))
      const problems: string[] = []
      let compared = 0
      for (const row of scoped) {
        if (row.reason === 'unsupported_filter' || row.reason === 'unsupported_grouping') continue
        const t = theirs.get(key(row))
        if (!t || !close(row.value, t.value) || !close(row.previous ?? null, t.previous ?? null)) {
          problems.push(`${key(row)}: scoped ${row.value}, own data ${t?.value}`)
        }
        if (row.value !== null) compared++
      }
      expect(problems).toEqual([])
      expect(compared).toBeGreaterThan(by[0] === 'rep' ? 30 : 10)
    }
  })

  it('metrics with no rep in their data refuse a rep filter rather than answer for the company', async () => {
    const rows = await compute(
      store,
      scopeQuery({ metrics: allMetrics, ...Q2 }, scopes.r1 as AccessScope),
    )
    const refused = rows.filter((r) => r.reason === 'unsupported_filter').map((r) => r.metric)
    expect(refused.sort()).toEqual(
      catalog
        .filter((m) => unsupportedBecause(m, [], ['rep']) !== null)
        .map((m) => m.id)
        .sort(),
    )
    // The ones that read spend, subscriptions or company forecasts are among them.
    for (const id of [
      'customer_acquisition_cost',
      'churn_rate',
      'customer_retention_rate',
      'customer_lifetime_value',
      'net_customer_churn',
      'forecast_accuracy',
    ]) {
      if (allMetrics.includes(id)) expect(refused).toContain(id)
    }
  })

  it('by rep and by team: rows of the scope only; targets of the row it is', async () => {
    const m1 = scopes.m1 as AccessScope & { kind: 'reps' }
    for (const by of [['rep'], ['team'], ['rep', 'team']] as const) {
      const rows = await compute(store, scopeQuery({ metrics: allMetrics, ...Q2, by: [...by] }, m1))
      for (const r of rows) {
        if (r.reason === 'unsupported_grouping' || r.reason === 'unsupported_filter') {
          expect(r.value).toBeNull()
          continue
        }
        if ('rep' in r.group) expect(m1.reps).toContain(r.group.rep)
        if ('team' in r.group) expect(m1.teams).toContain(r.group.team)
      }
      if (by.length === 1 && by[0] === 'rep') {
        const revenue = rows.filter((r) => r.metric === 'total_revenue')
        expect(revenue.map((r) => [r.group.rep, r.value, r.target ?? null])).toEqual([
          ['m1', 1000, null],
          ['r1', 2000 + 4000, 7000],
          ['r2', 3000, null],
        ])
      }
      if (by.length === 1 && by[0] === 'team') {
        // East with only m1's reps in it is not the team's row: no team target.
        const revenue = rows.filter((r) => r.metric === 'total_revenue')
        expect(revenue.map((r) => [r.group.team, r.value, r.target ?? null])).toEqual([
          ['East', 10000, null],
        ])
      }
    }
    // The leaderboard of r1: r1 alone.
    const mine = await compute(
      store,
      scopeQuery({ metrics: allMetrics, ...Q2, by: ['rep'] }, scopes.r1 as AccessScope),
    )
    expect([...new Set(mine.map((r) => r.group.rep))].filter((r) => r !== null)).toEqual(['r1'])
  })

  it("a rep's company row carries their own target, not the company's", async () => {
    const [r1] = await compute(
      store,
      scopeQuery({ metrics: ['total_revenue'], ...Q2 }, scopes.r1 as AccessScope),
    )
    expect(r1).toMatchObject({ value: 6000, target: 7000 })
    const [m1] = await compute(
      store,
      scopeQuery({ metrics: ['total_revenue'], ...Q2 }, scopes.m1 as AccessScope),
    )
    expect(m1?.value).toBe(10000)
    expect(m1?.target).toBeUndefined()
    const [all] = await compute(
      store,
      scopeQuery({ metrics: ['total_revenue'], ...Q2 }, scopes.admin as AccessScope),
    )
    expect(all).toMatchObject({ value: 1000 + 6000 + 3000 + 15000 + 700 + 33000, target: 50000 })
  })
})

/** The rep a drilled record belongs to, or undefined when the record has none. */
function ownerOf(d: Drilldown, record: Record<string, unknown>): unknown {
  const names = d.columns.map((c) => c.name)
  if (names.includes('owner_id')) return record.owner_id
  if (names.includes('rep_id')) return record.rep_id
  if (names.includes('id') && names.includes('active_from')) return record.id
  return undefined
}

describe('drill-down', () => {
  it('lists only the scope’s records, for every metric, part and grouping', async () => {
    const scope = scopes.m1 as AccessScope & { kind: 'reps' }
    const leaks: string[] = []
    let listed = 0
    for (const m of catalog) {
      for (const part of ['numerator', 'denominator'] as const) {
        const stage: Record<string, string> = m.perStage
          ? { pipeline: 'default', stage: 'prospect' }
          : {}
        const groups: Record<string, string>[] = [{}, { rep: 'r2' }, { team: 'East' }]
        for (const group of groups.map((g) => ({ ...g, ...stage }))) {
          let d: Drilldown
          try {
            d = await drilldown(
              store,
              scopeDrilldown({ metric: m.id, part, ...Q2, group }, scope),
              settings,
              { all: true },
            )
          } catch (e) {
            if (isMiernikError(e) && ['INVALID_QUERY', 'UNSUPPORTED_GROUPING'].includes(e.code))
              continue
            throw e
          }
          for (const r of d.rows) {
            const owner = ownerOf(d, r)
            if (owner === undefined || !scope.reps.includes(String(owner))) {
              leaks.push(`${m.id} ${part} ${JSON.stringify(group)}: ${JSON.stringify(r)}`)
            }
          }
          listed += d.rows.length
        }
      }
    }
    expect(leaks).toEqual([])
    expect(listed).toBeGreaterThan(50)
  })

  it('a rep drilling into revenue gets their won deals, by id', async () => {
    const d = await drilldown(
      store,
      scopeDrilldown(
        { metric: 'total_revenue', part: 'numerator', ...Q2 },
        scopes.r1 as AccessScope,
      ),
      settings,
    )
    expect(d.rows.map((r) => r.id).sort()).toEqual(['r1-w1', 'r1-w2'])
    expect(d.row?.value).toBe(6000)
    const open = await drilldown(
      store,
      scopeDrilldown(
        {
          metric: 'win_rate',
          part: 'denominator',
          ...Q2,
          group: { rep: 'r1' },
          filters: { rep: ['r1'] },
        },
        scopes.m1 as AccessScope,
      ),
      settings,
    )
    expect(open.rows.map((r) => r.id).sort()).toEqual(['r1-l1', 'r1-w1', 'r1-w2'])
  })
})

describe('funnel', () => {
  it('counts only the scope’s deals', async () => {
    for (const name of ['r1', 'm1', 'r3']) {
      const scope = scopes[name] as AccessScope & { kind: 'reps' }
      const scoped = await funnelView(store, scopeQuery({ ...Q2 }, scope), settings)
      const own = await onlyStore(scope.reps)
      expect(scoped).toEqual(await funnelView(own, { ...Q2 }, await readSettings(own)))
      const cohort = opportunities.filter(
        (o) => scope.reps.includes(String(o.owner_id)) && String(o.created_on) >= Q2.from,
      )
      expect(scoped.pipelines[0]?.stages[0]?.reached).toBe(cohort.length)
    }
    const all = await funnelView(store, { ...Q2 }, settings)
    expect(all.pipelines[0]?.stages[0]?.reached).toBe(
      opportunities.filter((o) => String(o.created_on) >= Q2.from).length,
    )
  })
})

describe('dimension values', () => {
  it('rep and team lists stop at the scope; other dimensions are whole', async () => {
    const m1 = scopes.m1 as AccessScope
    const rep = await dimensionValues(store, 'rep')
    expect(rep.map((v) => v.value)).toEqual(expect.arrayContaining(['m1', 'r1', 'r2', 'r3', 'zz']))
    expect(scopeDimensionValues('rep', rep, m1)).toEqual([
      { value: 'm1', label: 'Mia Manager' },
      { value: 'r2', label: 'Rae Two' },
      { value: 'r1', label: 'Rob One' },
    ])
    expect(scopeDimensionValues('rep', rep, scopes.r3 as AccessScope)).toEqual([
      { value: 'r3', label: 'Rex Three' },
    ])
    expect(scopeDimensionValues('rep', rep, scopes.admin as AccessScope)).toEqual(rep)
    const team = await dimensionValues(store, 'team')
    expect(team.map((t) => t.value)).toEqual(['East', 'North', 'West'])
    expect(scopeDimensionValues('team', team, m1).map((t) => t.value)).toEqual(['East', 'North'])
    expect(
      scopeDimensionValues('team', team, scopes.r1 as AccessScope).map((t) => t.value),
    ).toEqual(['East'])
    const segment = await dimensionValues(store, 'segment')
    expect(scopeDimensionValues('segment', segment, scopes.r1 as AccessScope)).toEqual(segment)
  })
})

describe('quality report', () => {
  it('owners keeps the records of those reps; without it every record is checked', async () => {
    const all = await qualityReport(store, { asOf: Q2.asOf })
    const count = (r: typeof all, id: string) => r.checks.find((c) => c.id === id)?.count
    expect(count(all, 'open_no_amount')).toBe(6)
    expect(count(all, 'unknown_owner')).toBeGreaterThan(0)
    expect(count(all, 'overlapping_quotas')).toBe(2)
    for (const name of ['r1', 'm1', 'r3']) {
      const scope = scopes[name] as AccessScope & { kind: 'reps' }
      const mine = await qualityReport(store, scopeQualityOptions({ asOf: Q2.asOf }, scope))
      for (const check of mine.checks) {
        for (const r of check.records) {
          const owner = r.owner_id ?? r.rep_id
          expect(scope.reps, `${check.id} ${r.record_id}`).toContain(owner)
        }
        expect(check.count).toBe(check.records.length)
        expect(check.count).toBeLessThanOrEqual(count(all, check.id) as number)
      }
      expect(
        mine.checks
          .find((c) => c.id === 'open_no_amount')
          ?.records.map((r) => r.record_id)
          .sort(),
      ).toEqual(scope.reps.map((r) => `${r}-n1`).sort())
      expect(count(mine, 'unknown_owner')).toBe(0)
      expect(count(mine, 'unknown_account')).toBe(0)
      expect(count(mine, 'overlapping_quotas')).toBe(name === 'r3' ? 2 : 0)
    }
    // owners of the library option directly, and a scoped owner list outside the scope.
    const none = await qualityReport(store, { asOf: Q2.asOf, owners: [] })
    expect(none.checks.every((c) => c.count === 0)).toBe(true)
    forbidden(
      () => scopeQualityOptions({ asOf: Q2.asOf, owners: ['r3'] }, scopes.r1 as AccessScope),
      /outside what you may see/,
    )
    expect(scopeQualityOptions({ asOf: Q2.asOf }, scopes.admin as AccessScope)).toEqual({
      asOf: Q2.asOf,
    })
  })
})

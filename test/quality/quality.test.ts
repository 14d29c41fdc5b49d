import { fileLocation, memoryLocation } from '../engine.js'
import { runCli } from '../cli-run.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compute } from '../../src/metrics/compute.js'
import { qualityReport, type QualityReport } from '../../src/quality/report.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { emptyStore, importDir, writeFixture, type Rec } from '../helpers.js'

const asOf = '2026-06-30'
const Q2 = { from: '2026-04-01', to: '2026-06-30' }

// ---------- the fixture: clean records plus one or two planted problems of each kind ----------

const deal = (
  id: string,
  name: string,
  account_id: string,
  owner_id: string,
  status: 'open' | 'won' | 'lost',
  amount: number | '',
  created_on: string,
  closed_on = '',
  expected_close_on = '',
): Rec => ({
  id,
  name,
  account_id,
  owner_id,
  status,
  amount,
  created_on,
  closed_on,
  expected_close_on,
  stage: status === 'open' ? 'Proposal' : status === 'won' ? 'Closed Won' : 'Closed Lost',
})

const opportunities: Rec[] = [
  // Clean.
  deal('c1', 'Clean open', 'a1', 'r1', 'open', 1000, '2026-05-01', '', '2026-07-15'),
  deal('c2', 'Clean won', 'a2', 'r2', 'won', 2000, '2026-04-01', '2026-05-01', '2026-05-01'),
  deal('c3', 'Lost, no owner', 'a3', '', 'lost', 300, '2026-03-01', '2026-04-15'),
  deal('c4', 'Due on the as-of day', 'a1', 'r1', 'open', 700, '2026-04-10', '', '2026-06-30'),
  deal('l0', 'Lost with no amount', 'a1', 'r2', 'lost', '', '2026-04-03', '2026-05-03'),
  deal('c6', 'Acme Renewal', '', 'r1', 'won', 100, '2026-04-01', '2026-04-20'),
  deal('c7', 'Acme Renewal', 'a2', 'r1', 'won', 100, '2026-04-01', '2026-04-25'),
  // Created after the as-of date: does not exist yet, whatever is wrong with it.
  deal('x1', 'Future', 'a1', 'r1', 'open', 0, '2026-07-05'),
  // open_no_amount (an empty amount; 0 is a real one)
  deal('n1', 'No amount Q2', 'a1', 'r1', 'open', '', '2026-05-10', '', '2026-08-01'),
  deal('n2', 'No amount Q1', 'a2', 'r2', 'open', '', '2026-01-15', '', '2026-08-01'),
  // won_no_amount (c5 was open until 2026-05-05)
  deal('c5', 'Won with no amount', 'a2', 'r1', 'won', '', '2026-04-05', '2026-05-05'),
  deal('w1', 'Won, amount left empty', 'a3', 'r2', 'won', '', '2026-01-20', '2026-03-10'),
  // open_no_close_date; closed_after_as_of (f1 is won after the as-of date: open on it)
  deal('e1', 'No close date Q2', 'a1', 'r1', 'open', 500, '2026-05-05'),
  deal('e2', 'No close date Q1', 'a2', 'r2', 'open', 500, '2026-02-01'),
  deal('f1', 'Won after as-of', 'a3', 'r2', 'won', 800, '2026-04-20', '2026-07-10'),
  // open_close_date_past
  deal('p1', 'Overdue by a day', 'a1', 'r1', 'open', 900, '2026-04-01', '', '2026-06-29'),
  deal('p2', 'Overdue since Q1', 'a2', 'r2', 'open', 900, '2026-01-10', '', '2026-03-31'),
  // close_date_pushed (the change log is inserted below)
  deal('s1', 'Slipping Q2', 'a1', 'r1', 'won', 1200, '2026-01-05', '2026-06-10', '2026-06-05'),
  deal('s5', 'Slipping Q1', 'a2', 'r2', 'lost', 400, '2025-10-01', '2026-03-25', '2026-03-20'),
  deal(
    's2',
    'Two pushes, a pull',
    'a3',
    'r1',
    'won',
    600,
    '2026-01-05',
    '2026-05-20',
    '2026-05-15',
  ),
  deal('s3', 'Third push later', 'a1', 'r2', 'open', 1500, '2026-01-05', '', '2026-09-30'),
  // stale (stage history below)
  deal('t30', 'Thirty days', 'a1', 'r1', 'open', 1000, '2026-04-01', '', '2026-08-31'),
  deal('t31', 'Thirty-one days', 'a2', 'r2', 'open', 1000, '2026-04-01', '', '2026-08-31'),
  deal(
    'toc',
    'Stage from the change log',
    'a3',
    'r1',
    'open',
    1000,
    '2026-03-15',
    '',
    '2026-08-31',
  ),
  deal('tcr', 'Never moved', 'a1', 'r2', 'open', 1000, '2026-05-30', '', '2026-08-31'),
  // both histories: the later stage change counts, whichever has it
  deal('tmix', 'Log moved it later', 'a2', 'r1', 'open', 1000, '2026-03-01', '', '2026-08-31'),
  deal('tnew', 'Log moved it lately', 'a3', 'r2', 'open', 1000, '2026-03-01', '', '2026-08-31'),
  // negative_cycle (z0, won the day it was created, is a 0-day cycle and fine)
  deal('z0', 'Same-day win', 'a1', 'r1', 'won', 100, '2026-05-01', '2026-05-01'),
  deal('zneg', 'Lost before created', 'a2', 'r2', 'lost', 100, '2026-05-10', '2026-05-05'),
  deal('z1', 'Q1 negative', 'a3', 'r1', 'won', 100, '2026-02-03', '2026-02-01'),
  // duplicate_deals: d1/d2 created 30 days apart across Q1 and Q2; d5/d6/d7 a chain in Q1
  // (d7 is 29 days after d6, 31 after d5)
  deal('d1', 'Acme Renewal', 'a1', 'r1', 'won', 5000, '2026-03-03', '2026-03-20'),
  deal('d2', 'ACME renewal ', 'a1', 'r2', 'lost', 5000, '2026-04-02', '2026-04-30'),
  deal('d5', 'Globex Expansion', 'a3', 'r1', 'won', 100, '2026-01-10', '2026-02-10'),
  deal('d6', 'globex expansion', 'a3', 'r2', 'lost', 100, '2026-01-12', '2026-02-12'),
  deal('d7', 'Globex expansion', 'a3', 'r1', 'won', 100, '2026-02-10', '2026-03-01'),
  // ...and repeat purchases, not duplicates: 31 days apart, 90 days apart
  deal('d3', 'Acme Upgrade', 'a1', 'r1', 'won', 800, '2026-04-01', '2026-04-20'),
  deal('d4', 'acme upgrade', 'a1', 'r2', 'lost', 800, '2026-05-02', '2026-05-30'),
  deal('rp1', 'Globex Support', 'a3', 'r1', 'won', 300, '2025-11-01', '2025-11-20'),
  deal('rp2', 'Globex Support', 'a3', 'r1', 'won', 300, '2026-01-30', '2026-02-20'),
  // unknown_owner, unknown_account
  deal('uo1', 'Ghost owner', 'a1', 'r9', 'won', 100, '2026-04-15', '2026-05-15'),
  deal('ua1', 'Ghost account', 'a9', 'r1', 'won', 100, '2026-04-16', '2026-05-16'),
]

/** Open deals that are not planted as stale moved stage recently. */
const recentlyMoved = ['c1', 'c4', 'n1', 'n2', 'e1', 'e2', 'f1', 'p1', 'p2', 's3']

const fixtureFiles = {
  reps: [
    { id: 'r1', name: 'Rep One' },
    { id: 'r2', name: 'Rep Two' },
  ],
  accounts: [
    { id: 'a1', name: 'Acme' },
    { id: 'a2', name: 'Initech' },
    { id: 'a3', name: 'Globex' },
  ],
  leads: [
    { id: 'L0', created_on: '2026-04-01', owner_id: 'r1', account_id: 'a1' },
    { id: 'L1', created_on: '2026-05-01', owner_id: 'r9', account_id: 'a2' },
    { id: 'L2', created_on: '2026-02-01', owner_id: 'r2', account_id: 'a9' },
    { id: 'L3', created_on: '2026-07-10', owner_id: 'r9', account_id: 'a9' },
  ],
  opportunities,
  stage_changes: [
    ...recentlyMoved.map((id) => ({
      opportunity_id: id,
      stage: 'Proposal',
      entered_at: '2026-06-20T10:00:00',
    })),
    { opportunity_id: 't30', stage: 'Discovery', entered_at: '2026-04-01T09:00:00' },
    { opportunity_id: 't30', stage: 'Proposal', entered_at: '2026-05-31T16:30:00' },
    { opportunity_id: 't31', stage: 'Proposal', entered_at: '2026-05-30T08:00:00' },
    // After the as-of date: not yet happened.
    { opportunity_id: 't31', stage: 'Negotiation', entered_at: '2026-07-01T08:00:00' },
    // The stage history stopped early; the change log has later moves (below).
    { opportunity_id: 'tmix', stage: 'Discovery', entered_at: '2026-03-01T09:00:00' },
    { opportunity_id: 'tnew', stage: 'Discovery', entered_at: '2026-03-01T09:00:00' },
  ],
  activities: [
    {
      id: 'A0',
      rep_id: 'r1',
      type: 'call',
      started_at: '2026-05-01T10:00:00',
      duration_minutes: 30,
    },
    {
      id: 'A1',
      rep_id: 'r9',
      type: 'call',
      started_at: '2026-03-10T10:00:00',
      duration_minutes: 30,
    },
  ],
  // overlapping_quotas: r1's quarterly row and its April row; r2's rows tile Q2 without overlap.
  quotas: [
    { rep_id: 'r1', period_start: '2026-04-01', period_end: '2026-06-30', amount: 3000 },
    { rep_id: 'r1', period_start: '2026-04-01', period_end: '2026-04-30', amount: 1000 },
    { rep_id: 'r2', period_start: '2026-04-01', period_end: '2026-04-30', amount: 1000 },
    { rep_id: 'r2', period_start: '2026-05-01', period_end: '2026-06-30', amount: 2000 },
  ],
  subscriptions: [
    { id: 'S0', account_id: 'a1', started_on: '2026-01-01', recurring_amount: 100 },
    { id: 'S1', account_id: 'a9', started_on: '2026-04-01', recurring_amount: 100 },
    { id: 'S2', account_id: 'a9', started_on: '2026-08-01', recurring_amount: 100 },
  ],
}

/** [opportunity_id, field, old_value, new_value, changed_at] */
const changeLog: [string, string, string | null, string | null, string][] = [
  // s1: three pushes later
  ['s1', 'expected_close_on', '2026-02-01', '2026-03-01', '2026-01-20 09:00:00'],
  ['s1', 'expected_close_on', '2026-03-01', '2026-04-15', '2026-02-25 09:00:00'],
  ['s1', 'expected_close_on', '2026-04-15', '2026-06-05', '2026-04-10 09:00:00'],
  // s5: three pushes later, now expected in Q1
  ['s5', 'expected_close_on', '2025-11-30', '2025-12-31', '2025-11-20 09:00:00'],
  ['s5', 'expected_close_on', '2025-12-31', '2026-01-31', '2025-12-20 09:00:00'],
  ['s5', 'expected_close_on', '2026-01-31', '2026-03-20', '2026-01-20 09:00:00'],
  // s2: a first date set, two pushes, one pull in, and a stage change: two pushes
  ['s2', 'expected_close_on', null, '2026-03-01', '2026-01-05 09:00:00'],
  ['s2', 'expected_close_on', '2026-03-01', '2026-04-30', '2026-02-20 09:00:00'],
  ['s2', 'expected_close_on', '2026-04-30', '2026-06-30', '2026-04-20 09:00:00'],
  ['s2', 'expected_close_on', '2026-06-30', '2026-05-15', '2026-05-01 09:00:00'],
  ['s2', 'stage', 'Discovery', 'Proposal', '2026-03-01 09:00:00'],
  // s3: the third push is after the as-of date
  ['s3', 'expected_close_on', '2026-03-31', '2026-05-31', '2026-03-20 09:00:00'],
  ['s3', 'expected_close_on', '2026-05-31', '2026-07-31', '2026-05-20 09:00:00'],
  ['s3', 'expected_close_on', '2026-07-31', '2026-09-30', '2026-07-02 09:00:00'],
  // toc: its only stage change is in the log; a later amount change is not a stage change
  ['toc', 'stage', 'Discovery', 'Proposal', '2026-04-01 12:00:00'],
  ['toc', 'amount', '900', '1000', '2026-06-25 12:00:00'],
  // tmix, tnew: stage moves newer than their stage history; t31: one older than its history
  ['tmix', 'stage', 'Discovery', 'Proposal', '2026-05-15 12:00:00'],
  ['tnew', 'stage', 'Discovery', 'Proposal', '2026-06-10 12:00:00'],
  ['t31', 'stage', 'Discovery', 'Proposal', '2026-04-15 12:00:00'],
]

async function plant(store: Store): Promise<void> {
  await importDir(store, writeFixture(fixtureFiles))
  for (const [id, field, before, after, at] of changeLog) {
    await store.run(
      `INSERT INTO opportunity_changes (opportunity_id, field, old_value, new_value, changed_at, source)
       VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP), 'test')`,
      [id, field, before, after, at],
    )
  }
}

/** The planted problems, per check, in the report's order (as type:id where types are mixed). */
const expectedAll = {
  open_no_amount: ['n2', 'n1'],
  won_no_amount: ['w1', 'c5'],
  open_no_close_date: ['e2', 'e1'],
  closed_after_as_of: ['f1'],
  open_close_date_past: ['p2', 'p1'],
  close_date_pushed: ['s1', 's5'],
  stale: ['toc', 'tmix', 't31', 'tcr'],
  negative_cycle: ['z1', 'zneg'],
  duplicate_deals: ['d1', 'd2', 'd5', 'd6', 'd7'],
  unknown_owner: ['activity:A1', 'lead:L1', 'opportunity:uo1'],
  unknown_account: ['lead:L2', 'opportunity:ua1', 'subscription:S1'],
  overlapping_quotas: ['quota:r1 2026-04-01/2026-04-30', 'quota:r1 2026-04-01/2026-06-30'],
}

const expectedQ2 = {
  open_no_amount: ['n1'],
  won_no_amount: ['c5'],
  open_no_close_date: ['e1'],
  closed_after_as_of: ['f1'],
  open_close_date_past: ['p1'],
  close_date_pushed: ['s1'],
  stale: ['t31', 'tcr'],
  negative_cycle: ['zneg'],
  duplicate_deals: ['d1', 'd2'],
  unknown_owner: ['lead:L1', 'opportunity:uo1'],
  unknown_account: ['opportunity:ua1', 'subscription:S1'],
  overlapping_quotas: ['quota:r1 2026-04-01/2026-04-30', 'quota:r1 2026-04-01/2026-06-30'],
}

const mixedTypes = new Set(['unknown_owner', 'unknown_account', 'overlapping_quotas'])

/** Check id -> the ids of its records, in order. */
function found(report: Pick<QualityReport, 'checks'>): Record<string, string[]> {
  return Object.fromEntries(
    report.checks.map((c) => [
      c.id,
      c.records.map((r) =>
        mixedTypes.has(c.id) ? `${r.record_type}:${r.record_id}` : r.record_id,
      ),
    ]),
  )
}

const counts = (report: Pick<QualityReport, 'checks'>) =>
  Object.fromEntries(report.checks.map((c) => [c.id, c.count]))

const check = (report: QualityReport, id: string) => {
  const c = report.checks.find((x) => x.id === id)
  if (!c) throw new Error(`no check ${id}`)
  return c
}

// ---------- the library ----------

describe('qualityReport', () => {
  // Its own store, not emptyStore(): that one is closed after each test.
  let store: Store
  beforeAll(async () => {
    store = await openStore(memoryLocation(), { create: true })
    await plant(store)
  })
  afterAll(() => store.close())

  it('finds exactly the planted problems over all data', async () => {
    const report = await qualityReport(store, { asOf })
    expect(found(report)).toEqual(expectedAll)
    expect(counts(report)).toEqual(
      Object.fromEntries(Object.entries(expectedAll).map(([k, v]) => [k, v.length])),
    )
    expect(report.as_of).toBe(asOf)
    expect(report.period).toBeNull()
    expect(report.checks.every((c) => c.period_date === null)).toBe(true)
  })

  it('keeps the records whose relevant date is in the period', async () => {
    const report = await qualityReport(store, { asOf, ...Q2 })
    expect(found(report)).toEqual(expectedQ2)
    expect(report.period).toEqual(Q2)
    expect(check(report, 'open_close_date_past').period_date).toBe('expected_close_on')
    expect(check(report, 'negative_cycle').period_date).toBe('closed_on')
  })

  it('calls a deal stale after more than N days without a stage change, not at exactly N', async () => {
    const ids = async (staleDays: number) =>
      found(await qualityReport(store, { asOf, staleDays })).stale
    // t30 last moved 30 days before the as-of date, t31 and tcr (created) 31, tmix 46, toc 90,
    // tnew 20.
    expect(await ids(30)).toEqual(['toc', 'tmix', 't31', 'tcr'])
    expect(await ids(29)).toEqual(['toc', 'tmix', 't31', 'tcr', 't30'])
    expect(await ids(31)).toEqual(['toc', 'tmix'])
    expect(await ids(19)).toContain('tnew')
    const stale = check(await qualityReport(store, { asOf, staleDays: 29 }), 'stale')
    expect(stale.description).toBe('Open deals with no stage change for more than 29 days')
    const byId = Object.fromEntries(stale.records.map((r) => [r.record_id, r]))
    expect(byId.t30).toMatchObject({ last_stage_change_on: '2026-05-31', days_without_change: 30 })
    // t31's change log row (04-15) is older than its stage history (05-30).
    expect(byId.t31).toMatchObject({
      basis: 'stage_changes',
      last_stage_change_on: '2026-05-30',
      days_without_change: 31,
    })
    // tmix's stage history ends on 03-01; the change log moved it on 05-15.
    expect(byId.tmix).toMatchObject({
      basis: 'opportunity_changes',
      last_stage_change_on: '2026-05-15',
      days_without_change: 46,
    })
    expect(byId.toc).toMatchObject({
      basis: 'opportunity_changes',
      last_stage_change_on: '2026-04-01',
    })
    expect(byId.tcr).toMatchObject({ basis: 'created_on', last_stage_change_on: '2026-05-30' })
  })

  it('gives the fields that explain each problem', async () => {
    const report = await qualityReport(store, { asOf })
    expect(check(report, 'open_no_amount').records[0]).toMatchObject({
      record_type: 'opportunity',
      record_id: 'n2',
      amount: null,
      owner_id: 'r2',
    })
    expect(check(report, 'open_close_date_past').records[1]).toMatchObject({
      record_id: 'p1',
      expected_close_on: '2026-06-29',
      days_overdue: 1,
    })
    expect(check(report, 'close_date_pushed').records[0]).toMatchObject({
      record_id: 's1',
      pushes: 3,
      last_pushed_on: '2026-04-10',
    })
    expect(check(report, 'negative_cycle').records.map((r) => r.cycle_days)).toEqual([-2, -5])
    expect(
      check(report, 'duplicate_deals').records.map((r) => [r.duplicate_group, r.group_size]),
    ).toEqual([
      ['d1', 2],
      ['d1', 2],
      ['d5', 3],
      ['d5', 3],
      ['d5', 3],
    ])
    expect(check(report, 'won_no_amount').records[1]).toMatchObject({
      record_id: 'c5',
      closed_on: '2026-05-05',
      amount: null,
    })
    expect(check(report, 'unknown_owner').records[0]).toMatchObject({
      field: 'rep_id',
      missing_id: 'r9',
      record_date: '2026-03-10',
    })
    expect(report.checks.map((c) => [c.id, c.severity])).toEqual([
      ['open_no_amount', 'warning'],
      ['won_no_amount', 'warning'],
      ['open_no_close_date', 'warning'],
      ['closed_after_as_of', 'info'],
      ['open_close_date_past', 'warning'],
      ['close_date_pushed', 'info'],
      ['stale', 'info'],
      ['negative_cycle', 'error'],
      ['duplicate_deals', 'error'],
      ['unknown_owner', 'error'],
      ['unknown_account', 'error'],
      ['overlapping_quotas', 'warning'],
    ])
  })

  it('limits the records but not the count', async () => {
    const report = await qualityReport(store, { asOf, limit: 1 })
    expect(counts(report).open_no_close_date).toBe(2)
    expect(found(report).open_no_close_date).toEqual(['e2'])
    const none = await qualityReport(store, { asOf, limit: 0 })
    expect(counts(none)).toEqual(counts(report))
    expect(none.checks.every((c) => c.records.length === 0)).toBe(true)
  })

  it('reads the data as of an earlier date', async () => {
    // As of 2026-05-04 zneg (closed 05-05) is still open: only z1 has a negative cycle.
    const report = await qualityReport(store, { asOf: '2026-05-04' })
    expect(found(report).negative_cycle).toEqual(['z1'])
    // c5, won with no amount on 05-05, was an open deal with no amount then; n1 did not exist.
    expect(found(report).open_no_amount).toEqual(['n2', 'c5'])
    expect(found(report).won_no_amount).toEqual(['w1'])
  })

  it('counts deals of one account and name as duplicates only when created close together', async () => {
    const ids = async (duplicateDays?: number) =>
      found(
        await qualityReport(store, {
          asOf,
          ...(duplicateDays === undefined ? {} : { duplicateDays }),
        }),
      ).duplicate_deals
    // d1/d2 are 30 days apart, d3/d4 31, rp1/rp2 90 (a repeat purchase); d5, d6 2 days apart
    // and d7 29 days after d6 make one chain.
    expect(await ids()).toEqual(['d1', 'd2', 'd5', 'd6', 'd7'])
    expect(await ids(30)).toEqual(['d1', 'd2', 'd5', 'd6', 'd7'])
    expect(await ids(29)).toEqual(['d5', 'd6', 'd7'])
    expect(await ids(28)).toEqual(['d5', 'd6'])
    expect(await ids(31)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'])
    expect(await ids(89)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'])
    expect(await ids(90)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'rp1', 'rp2'])
    const report = await qualityReport(store, { asOf, duplicateDays: 90 })
    expect(report.duplicate_days).toBe(90)
    const dup = check(report, 'duplicate_deals')
    expect(dup.description).toBe(
      'Possible duplicate deals: same account and name (case and spaces ignored), each created within 90 days of another (a chain)',
    )
    expect(dup.records.filter((r) => r.record_id.startsWith('rp'))).toMatchObject([
      { duplicate_group: 'rp1', group_size: 2 },
      { duplicate_group: 'rp1', group_size: 2 },
    ])
  })

  it('flags the won deals without an amount that average_deal_size leaves out', async () => {
    const won = check(await qualityReport(store, { asOf }), 'won_no_amount')
    expect(won.description).toBe(
      'Won deals without an amount (CRM exports often leave it empty): revenue and deal size leave them out (excluded_reason no_amount)',
    )
    for (const period of [Q2, { from: '2026-01-01', to: '2026-06-30' }]) {
      const report = await qualityReport(store, { asOf, ...period })
      const [row] = await compute(store, { metrics: ['average_deal_size'], asOf, ...period })
      expect(row).toMatchObject({
        excluded: check(report, 'won_no_amount').count,
        excluded_reason: 'no_amount',
      })
    }
  })

  it('finds nothing in a clean store', async () => {
    const clean = await emptyStore()
    const report = await qualityReport(clean, { asOf })
    expect(report.checks.every((c) => c.count === 0 && c.records.length === 0)).toBe(true)
  })

  it.each([
    [{ asOf: '2026-13-01' }, 'asOf'],
    [{ asOf, from: '2026-04-01' }, 'both from and to'],
    [{ asOf, from: '2026-06-01', to: '2026-04-01' }, 'ends (2026-04-01) before it starts'],
    [{ asOf, staleDays: -1 }, 'staleDays'],
    [{ asOf, duplicateDays: 1.5 }, 'duplicateDays'],
  ])('rejects bad options: %j', async (options, message) => {
    await expect(qualityReport(store, options)).rejects.toThrow(message)
  })
})

// ---------- the CLI ----------

const cli = (...argv: string[]) => runCli(argv, asOf)

describe('miernik quality', () => {
  const db = fileLocation('quality')
  beforeAll(async () => {
    const store = await openStore(db, { create: true })
    try {
      await plant(store)
    } finally {
      await store.close()
    }
  })

  it('prints the report as JSON, with as-of defaulting to today, and exits 0', async () => {
    const r = await cli('quality', '--db', db, '--format', 'json')
    expect(r.code).toBe(0)
    expect(r.err).toBe('')
    const report = JSON.parse(r.out) as QualityReport
    expect(report.as_of).toBe(asOf)
    expect(report.period).toBeNull()
    expect(report.stale_days).toBe(30)
    expect(report.duplicate_days).toBe(30)
    expect(found(report)).toEqual(expectedAll)
    expect(Object.keys(report.checks[0] ?? {})).toEqual(
      expect.arrayContaining(['id', 'description', 'severity', 'count', 'records']),
    )
  })

  it('filters by --period and --from/--to alike, with --stale-days and --as-of', async () => {
    const byPeriod = await cli('quality', '--db', db, '--period', '2026-Q2', '--format', 'json')
    expect(found(JSON.parse(byPeriod.out) as QualityReport)).toEqual(expectedQ2)
    const byDates = await cli(
      'quality',
      '--db',
      db,
      '--from',
      Q2.from,
      '--to',
      Q2.to,
      '--as-of',
      asOf,
      '--stale-days',
      '29',
      '--format',
      'json',
    )
    const report = JSON.parse(byDates.out) as QualityReport
    expect(report.period).toEqual(Q2)
    expect(found(report).stale).toEqual(['t31', 'tcr', 't30'])
  })

  it('reads --duplicate-days', async () => {
    const r = await cli('quality', '--db', db, '--format', 'json', '--duplicate-days', '31')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.out) as QualityReport
    expect(report.duplicate_days).toBe(31)
    expect(found(report).duplicate_deals).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'])
    const bad = await cli('quality', '--db', db, '--duplicate-days', 'a month')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain("--duplicate-days must be a whole number of 0 or more, not 'a month'")
  })

  it('prints one CSV row per problem record', async () => {
    const r = await cli('quality', '--db', db, '--format', 'csv')
    expect(r.code).toBe(0)
    const lines = r.out.trim().split('\n')
    expect(lines[0]).toBe('check,record_type,record_id,detail')
    expect(lines).toHaveLength(1 + Object.values(expectedAll).flat().length)
    expect(lines).toContain(
      'open_close_date_past,opportunity,p1,"expected_close_on 2026-06-29, 1 days overdue, stage Proposal"',
    )
    expect(lines).toContain('unknown_owner,activity,A1,rep_id r9 is not in reps')
    const limited = await cli('quality', '--db', db, '--format', 'csv', '--limit', '1')
    expect(limited.out.trim().split('\n')).toHaveLength(1 + Object.keys(expectedAll).length)
  })

  it('prints a summary table and the records of each check with problems', async () => {
    const r = await cli('quality', '--db', db, '--limit', '2')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Data quality as of 2026-06-30, all data:')
    expect(r.out).toMatch(
      /│ open_no_close_date\s+│ warning\s+│ Open deals with no expected close date\s+│\s+2 │/,
    )
    expect(r.out).toContain('stale: 4 records, the first 2')
    expect(r.out).toContain('… and 2 more')
    expect(r.out).toContain('│ opportunity │ p1        │ Overdue by a day │')
  })

  it.each([
    [['--format', 'xml'], "unknown --format 'xml'"],
    [['--stale-days', 'ten'], '--stale-days must be a whole number'],
    [['--limit', '-1'], '--limit must be a whole number'],
    [['--as-of', '2026-02-30'], '--as-of must be a date'],
    [['--from', '2026-04-01'], 'give both --from and --to'],
    [['--period', '2026-Q2', '--from', '2026-04-01', '--to', '2026-06-30'], 'either --period'],
    [['--period', '2026-Q5'], "cannot read period '2026-Q5'"],
    [['--from', '2026-06-01', '--to', '2026-04-01'], 'before it starts'],
  ])('fails with one line and exit code 2: %j', async (args, message) => {
    const r = await cli('quality', '--db', db, ...args)
    expect(r.code).toBe(2)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toContain(message)
  })
})

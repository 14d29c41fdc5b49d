import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/ingest/import-file.js'
import { drilldown } from '../../src/metrics/drilldown.js'
import { readSettings } from '../../src/store/settings.js'
import { emptyStore, one, rowOf, run, storeWith, writeFile, writeFixture } from '../helpers.js'

/**
 * Quotas of one rep that overlap never add up (design §4). r1 has a Q2 row of 3,000 and
 * April, May and June rows of 1,000; r2 only monthly rows of 1,000 (they tile Q2); r3 only
 * a yearly row of 12,000 (a quarter is 91 / 365 of it). Each wins 3,000 in May.
 * Q2: r1 3,000 (the quarterly row, not 6,000): 100%; r2 3,000: 100%; r3 12,000 × 91/365 =
 * 2,991.78: 3,000 ≥ it, 100.27%. May: r1 1,000 (the May row, not the Q2 row's share); r2
 * 1,000; r3 12,000 × 31/365 = 1,019.18.
 */
describe('overlapping quota rows', () => {
  const row = (rep: string, start: string, end: string, amount: number) => ({
    rep_id: rep,
    period_start: start,
    period_end: end,
    amount,
  })
  const months = (rep: string) => [
    row(rep, '2026-04-01', '2026-04-30', 1000),
    row(rep, '2026-05-01', '2026-05-31', 1000),
    row(rep, '2026-06-01', '2026-06-30', 1000),
  ]
  const files = {
    reps: [
      { id: 'r1', name: 'One', team: 'north' },
      { id: 'r2', name: 'Two', team: 'north' },
      { id: 'r3', name: 'Three', team: 'south' },
    ],
    quotas: [
      row('r1', '2026-04-01', '2026-06-30', 3000),
      ...months('r1'),
      ...months('r2'),
      row('r3', '2026-01-01', '2026-12-31', 12000),
    ],
    opportunities: ['r1', 'r2', 'r3'].map((rep) => ({
      id: `w-${rep}`,
      owner_id: rep,
      status: 'won',
      amount: 3000,
      created_on: '2026-04-01',
      closed_on: '2026-05-10',
    })),
  }

  it('a quarter takes the quarterly row, not it and its months', async () => {
    const store = await storeWith(writeFixture(files))
    const rows = await run(store, 'quota_attainment_rate', { by: ['rep'] })
    expect(rowOf(rows, { rep: 'r1' })).toMatchObject({ value: 1, denominator: 3000 })
    expect(rowOf(rows, { rep: 'r2' })).toMatchObject({ value: 1, denominator: 3000 })
    expect(rowOf(rows, { rep: 'r3' }).denominator).toBeCloseTo((12000 * 91) / 365, 6)
    const company = await one(store, 'quota_attainment_rate')
    expect(company).toMatchObject({ value: 1, numerator: 3, denominator: 3 })
  })

  it('a month takes its own row; a longer row only where no row lies inside', async () => {
    const store = await storeWith(writeFixture(files))
    const may = { from: '2026-05-01', to: '2026-05-31' }
    const rows = await run(store, 'quota_attainment_rate', { ...may, by: ['rep'] })
    expect(rowOf(rows, { rep: 'r1' }).denominator).toBe(1000)
    expect(rowOf(rows, { rep: 'r2' }).denominator).toBe(1000)
    expect(rowOf(rows, { rep: 'r3' }).denominator).toBeCloseTo((12000 * 31) / 365, 6)
  })

  it('pipeline coverage divides by the same quota', async () => {
    const store = await storeWith(writeFixture(files))
    // As of the quarter's start nothing is won yet and nothing is open: 0 / (3 × 3,000 − ...).
    const rows = await run(store, 'pipeline_coverage', { by: ['rep'], asOf: '2026-04-01' })
    expect(rowOf(rows, { rep: 'r1' })).toMatchObject({ value: 0, denominator: 3000 })
  })

  it('the import warns and the quality report lists the overlaps', async () => {
    const store = await storeWith(writeFixture({ reps: files.reps }))
    const file = writeFile(
      'quotas.csv',
      'rep_id,period_start,period_end,amount\n' +
        files.quotas
          .map((q) => `${q.rep_id},${q.period_start},${q.period_end},${q.amount}`)
          .join('\n'),
    )
    const report = await importFile(store, 'quotas', file)
    expect(report.warnings).toEqual([
      "1 reps have quota rows that overlap (e.g. a quarter and its months): they are never added up; 'miernik quality' lists them",
    ])
  })
})

/**
 * Team history: r1 sells 100 in May for north; moves to south on Nov 1 (re-import of reps
 * observed then); sells 10 in November. Q2 stays north: 100; Q4 (as of Dec 31) is south: 10.
 */
describe('a team move does not rewrite history', () => {
  async function moved() {
    const store = await emptyStore()
    const reps = (team: string) =>
      writeFile('reps.csv', `id,name,team,active_from\nr1,One,${team},2026-01-01\nr2,Two,north,\n`)
    await importFile(store, 'reps', reps('north'), { observedAt: '2026-03-01T08:00:00Z' })
    const deals = writeFile(
      'opportunities.csv',
      'id,owner_id,status,amount,created_on,closed_on\n' +
        'a,r1,won,100,2026-04-01,2026-05-10\nb,r1,won,10,2026-10-20,2026-11-15\nc,r2,won,1,2026-04-01,2026-05-11\n',
    )
    await importFile(store, 'opportunities', deals)
    const report = await importFile(store, 'reps', reps('south'), {
      observedAt: '2026-11-01T09:00:00Z',
    })
    return { store, report }
  }

  it('re-importing reps records the move, dated by the import', async () => {
    const { store, report } = await moved()
    expect(report.teamMoves).toBe(1)
    const history = await store.query(
      `SELECT rep_id, team, CAST(valid_from AS VARCHAR) AS valid_from, CAST(valid_to AS VARCHAR) AS valid_to
         FROM rep_teams ORDER BY valid_from`,
    )
    expect(history).toEqual([
      { rep_id: 'r1', team: 'north', valid_from: '2026-01-01', valid_to: '2026-10-31' },
      { rep_id: 'r1', team: 'south', valid_from: '2026-11-01', valid_to: null },
    ])
  })

  it("Q2's revenue by team is what it was: north 101; Q4's follows the move: south 10", async () => {
    const { store } = await moved()
    const q2 = await run(store, 'total_revenue', { by: ['team'], asOf: '2026-12-31' })
    expect(q2.map((r) => [r.group.team, r.value])).toEqual([['north', 101]])
    const q4 = await run(store, 'total_revenue', {
      from: '2026-10-01',
      to: '2026-12-31',
      by: ['team'],
      asOf: '2026-12-31',
    })
    expect(q4.map((r) => [r.group.team, r.value])).toEqual([['south', 10]])
    // Filtering Q2 by the new team finds nothing of r1's May sale.
    const south = await one(store, 'total_revenue', {
      filters: { team: ['south'] },
      asOf: '2026-12-31',
    })
    expect(south.value).toBe(0)
  })

  it('an imported rep_teams history is used as given', async () => {
    const store = await storeWith(
      writeFixture({
        reps: [{ id: 'r1', name: 'One', team: 'gamma' }],
        rep_teams: [
          { rep_id: 'r1', team: 'alpha', valid_from: '', valid_to: '2026-04-30' },
          { rep_id: 'r1', team: 'beta', valid_from: '2026-05-01', valid_to: '2026-05-31' },
        ],
        opportunities: [
          {
            id: 'x',
            owner_id: 'r1',
            status: 'won',
            amount: 1,
            created_on: '2026-04-01',
            closed_on: '2026-04-10',
          },
          {
            id: 'y',
            owner_id: 'r1',
            status: 'won',
            amount: 2,
            created_on: '2026-04-01',
            closed_on: '2026-05-10',
          },
          // After the history ends: the rep's team now.
          {
            id: 'z',
            owner_id: 'r1',
            status: 'won',
            amount: 4,
            created_on: '2026-04-01',
            closed_on: '2026-06-10',
          },
        ],
      }),
    )
    const rows = await run(store, 'total_revenue', { by: ['team'] })
    expect(rows.map((r) => [r.group.team, r.value])).toEqual([
      ['alpha', 1],
      ['beta', 2],
      ['gamma', 4],
    ])
    // Cohort metrics count on the creation date: all three were created in April (alpha).
    const created = await run(store, 'opportunity_conversion_rate', { by: ['team'] })
    expect(created.map((r) => [r.group.team, r.denominator])).toEqual([['alpha', 3]])
  })
})

/**
 * Unknown amounts (design §4): a won deal without an amount counts in win rate and
 * conversion, is left out of revenue and deal size (no_amount); 0 is a real amount.
 * Q2: won a 1,000, b 0, c (no amount); lost d. Revenue 1,000 (1 excluded); deal size
 * 1,000 / 2 = 500 (b counts at 0; c excluded); win rate 3 / 4.
 */
describe('deals without an amount', () => {
  const deal = (id: string, status: string, amount: number | '') => ({
    id,
    status,
    amount,
    created_on: '2026-04-01',
    closed_on: '2026-05-01',
  })
  const dir = () =>
    writeFixture({
      opportunities: [
        deal('a', 'won', 1000),
        deal('b', 'won', 0),
        deal('c', 'won', ''),
        deal('d', 'lost', 50),
      ],
    })

  it('count in counts and are left out of money, with no_amount', async () => {
    const store = await storeWith(dir())
    const rows = await run(store, ['total_revenue', 'average_deal_size', 'win_rate'])
    expect(rows[0]).toMatchObject({ value: 1000, excluded: 1, excluded_reason: 'no_amount' })
    expect(rows[1]).toMatchObject({
      value: 500,
      numerator: 1000,
      denominator: 2,
      excluded: 1,
      excluded_reason: 'no_amount',
    })
    expect(rows[2]).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, excluded: 0 })
  })

  it('are not the cause of a file being rejected', async () => {
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', join(dir(), 'opportunities.csv'))
    expect(report).toMatchObject({ rejected: 0, inserted: 4 })
  })
})

/**
 * As of means as of. Snapshot of May 1: w won on Apr 15 for 100; p open, expected to close
 * on Jul 20, worth 500. Snapshot of Dec 5: w reopened (open, no close date); p pushed to
 * Nov 15. Read as of Jun 30, Q2 still has w's 100 and Q3's coverage (reference Jul 1) sees
 * p expected in Q3: 500 / quota 1,000. Read as of Dec 31, Q2 has nothing and p is Q4's.
 */
describe('as of means as of', () => {
  async function snapshots() {
    const store = await emptyStore()
    const deals = (rows: string) =>
      writeFile(
        'opportunities.csv',
        `id,owner_id,status,amount,created_on,closed_on,expected_close_on\n${rows}`,
      )
    await importFile(store, 'reps', writeFile('reps.csv', 'id,name\nr1,One\n'))
    await importFile(
      store,
      'quotas',
      writeFile(
        'quotas.csv',
        'rep_id,period_start,period_end,amount\nr1,2026-07-01,2026-09-30,1000\n',
      ),
    )
    await importFile(
      store,
      'opportunities',
      deals('w,r1,won,100,2026-03-01,2026-04-15,\np,r1,open,500,2026-04-01,,2026-07-20\n'),
      { observedAt: '2026-05-01T08:00:00Z' },
    )
    await importFile(
      store,
      'opportunities',
      deals('w,r1,open,100,2026-03-01,,2027-01-31\np,r1,open,500,2026-04-01,,2026-11-15\n'),
      { observedAt: '2026-12-05T08:00:00Z' },
    )
    return store
  }

  it('a deal won in April and reopened in December is still won for Q2 read as of June 30', async () => {
    const store = await snapshots()
    expect((await one(store, 'total_revenue', { asOf: '2026-06-30' })).value).toBe(100)
    expect((await one(store, 'win_rate', { asOf: '2026-06-30' })).value).toBe(1)
    expect((await one(store, 'total_revenue', { asOf: '2026-12-31' })).value).toBe(0)
  })

  it('past pipeline coverage uses the expected close dates in force at the reference date', async () => {
    const store = await snapshots()
    const q3 = { from: '2026-07-01', to: '2026-09-30' }
    expect(await one(store, 'pipeline_coverage', { ...q3, asOf: '2026-09-30' })).toMatchObject({
      value: 0.5,
      numerator: 500,
      denominator: 1000,
    })
    // The drill-down lists the same deal.
    const settings = await readSettings(store)
    const drill = await drilldown(
      store,
      { metric: 'pipeline_coverage', ...q3, asOf: '2026-09-30', part: 'numerator' },
      settings,
    )
    expect(drill.rows.map((r) => r.id)).toEqual(['p'])
  })
})

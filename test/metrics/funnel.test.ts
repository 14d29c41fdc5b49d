import { describe, expect, it } from 'vitest'
import { funnelView } from '../../src/metrics/funnel-view.js'
import { readSettings } from '../../src/store/settings.js'
import type { ResultRow } from '../../src/metrics/result-row.js'
import { fixture, importDir, run, storeWith, writeFixture } from '../helpers.js'

/**
 * funnel fixture: stages prospect(1) qualify(2) proposal(3) negotiation(4) won(5, kind won)
 * lost(6, kind lost: not a funnel step). Cohort of Q2 2026 (created Apr 1..Jun 30):
 *   A won:  prospect Apr 1 → qualify Apr 11 → proposal Apr 21 → negotiation May 1 → won May 11
 *   B open: prospect Apr 1 → proposal Apr 6 12:00 (skips qualify: back-filled)
 *   C lost: prospect Apr 5 → qualify Apr 25 → lost May 5
 *   D open: prospect Apr 10 12:00 (one unfinished visit)
 *   E was created in Q1: not in the cohort.
 * Reached: prospect 4 (ABCD), qualify 3 (A, B back-filled, C), proposal 2 (A B),
 * negotiation 1 (A), won 1 (A).
 * Finished visits (days): prospect A 10, B 5.5, C 20; qualify A 10, C 10 (left for lost);
 * proposal A 10 (B's is unfinished); negotiation A 10; won: none finished.
 */
const stages = ['prospect', 'qualify', 'proposal', 'negotiation', 'won']
const table = (rows: ResultRow[]) =>
  rows.map((r) => [r.group.stage, r.value, r.numerator, r.denominator, r.reason ?? null])

describe('stage_conversion', () => {
  it('one row per stage, in pipeline order, reached next / reached', async () => {
    const store = await storeWith(fixture('funnel'))
    const rows = await run(store, 'stage_conversion')
    expect(rows.map((r) => r.group)).toEqual(
      stages.map((stage) => ({ pipeline: 'default', stage })),
    )
    expect(table(rows)).toEqual([
      ['prospect', 0.75, 3, 4, null],
      ['qualify', 2 / 3, 2, 3, null],
      ['proposal', 0.5, 1, 2, null],
      ['negotiation', 1, 1, 1, null],
      ['won', null, null, 1, 'last_stage'],
    ])
  })

  it('by rep: r1 (A, B) and r2 (C, D), each funnel in stage order', async () => {
    const store = await storeWith(fixture('funnel'))
    const rows = await run(store, 'stage_conversion', { by: ['rep'] })
    expect(rows.map((r) => [r.group.rep, r.group.stage, r.numerator, r.denominator])).toEqual([
      ['r1', 'prospect', 2, 2],
      ['r1', 'qualify', 2, 2],
      ['r1', 'proposal', 1, 2],
      ['r1', 'negotiation', 1, 1],
      ['r1', 'won', null, 1],
      ['r2', 'prospect', 1, 2],
      ['r2', 'qualify', 0, 1],
      ['r2', 'proposal', 0, 0],
      ['r2', 'negotiation', 0, 0],
      ['r2', 'won', null, 0],
    ])
    expect(rows[7]).toMatchObject({ value: null, reason: 'zero_base' })
  })

  it('as of Apr 22 only the history up to then counts', async () => {
    // A: prospect, qualify, proposal (its won stage and close are later); B: prospect, proposal;
    // C: prospect (qualify on Apr 25 is later); D: prospect.
    const store = await storeWith(fixture('funnel'))
    const rows = await run(store, 'stage_conversion', { asOf: '2026-04-22' })
    expect(table(rows)).toEqual([
      ['prospect', 0.5, 2, 4, null],
      ['qualify', 1, 2, 2, null],
      ['proposal', 0, 0, 2, null],
      ['negotiation', null, 0, 0, 'zero_base'],
      ['won', null, null, 0, 'last_stage'],
    ])
  })

  it('without stages: one row with reason no_stage_data', async () => {
    const store = await storeWith(fixture('win-rate'))
    const rows = await run(store, 'stage_conversion')
    expect(rows).toEqual([expect.objectContaining({ value: null, reason: 'no_stage_data' })])
  })
})

describe('the funnel view: where deals stop, lost or still open', () => {
  it('prospect: D still open; qualify: C lost (price); proposal: B still open', async () => {
    const store = await storeWith(fixture('funnel'))
    // C's loss gets a reason, as a later export would carry it.
    await importDir(
      store,
      writeFixture({
        opportunities: [
          {
            id: 'C',
            owner_id: 'r2',
            status: 'lost',
            stage: 'lost',
            amount: 1000,
            created_on: '2026-04-05',
            closed_on: '2026-05-05',
            lost_reason: 'price',
          },
        ],
      }),
    )
    const view = await funnelView(
      store,
      { from: '2026-04-01', to: '2026-06-30', asOf: '2026-09-30' },
      await readSettings(store),
    )
    const stages = view.pipelines[0]?.stages ?? []
    expect(
      stages.map((s) => [s.stage, s.reached, s.drop_off, s.lost, s.still_open, s.lost_reasons]),
    ).toEqual([
      ['prospect', 4, 1, 0, 1, []],
      ['qualify', 3, 1, 1, 0, [{ reason: 'price', count: 1 }]],
      ['proposal', 2, 1, 0, 1, []],
      ['negotiation', 1, 0, 0, 0, []],
      ['won', 1, null, null, null, []],
    ])
    // What stopped is what was lost plus what is still open.
    for (const s of stages.filter((x) => x.drop_off !== null)) {
      expect(s.drop_off, s.stage).toBe((s.lost ?? 0) + (s.still_open ?? 0))
    }
  })
})

describe('time_in_stage', () => {
  it('mean days over finished visits, per stage in order', async () => {
    const store = await storeWith(fixture('funnel'))
    const rows = await run(store, 'time_in_stage')
    expect(rows.map((r) => r.group.stage)).toEqual(stages)
    expect(table(rows)).toEqual([
      ['prospect', 35.5 / 3, 35.5, 3, null],
      ['qualify', 10, 20, 2, null],
      ['proposal', 10, 10, 1, null],
      ['negotiation', 10, 10, 1, null],
      ['won', null, 0, 0, 'no_finished_visits'],
    ])
    expect(rows.every((r) => r.unit === 'days')).toBe(true)
  })

  it('as of Apr 22: visits that ended later are unfinished', async () => {
    // prospect: A 10, B 5.5 (C's and D's are open); qualify: A 10; proposal: A's is open.
    const store = await storeWith(fixture('funnel'))
    const rows = await run(store, 'time_in_stage', { asOf: '2026-04-22' })
    expect(table(rows).slice(0, 3)).toEqual([
      ['prospect', 7.75, 15.5, 2, null],
      ['qualify', 10, 10, 1, null],
      ['proposal', null, 0, 0, 'no_finished_visits'],
    ])
  })

  it('the Q1 cohort is E alone', async () => {
    const store = await storeWith(fixture('funnel'))
    const rows = await run(store, 'time_in_stage', { from: '2026-01-01', to: '2026-03-31' })
    expect(table(rows)[0]).toEqual(['prospect', 1, 1, 1, null])
  })
})

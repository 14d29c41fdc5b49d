import { describe, expect, it } from 'vitest'
import { drilldown } from '../../src/metrics/drilldown.js'
import { readSettings } from '../../src/store/settings.js'
import { fixture, one, Q2, run, storeWith, vnd } from '../helpers.js'

/**
 * time-selling fixture: r1 (Ada, north) logs 5 activities in April, 5 in May, 2 in June and
 * one on Jul 1; r2 (Bo, south) 2 in June. Q2: 12 + 2 = 14.
 */
describe('activities_logged', () => {
  it('14 activities started in Q2; the one of Jul 1 is Q3', async () => {
    const store = await storeWith(fixture('time-selling'))
    expect(vnd(await one(store, 'activities_logged'))).toMatchObject({ value: 14 })
    const q3 = await one(store, 'activities_logged', {
      from: '2026-07-01',
      to: '2026-09-30',
      asOf: '2026-09-30',
    })
    expect(q3.value).toBe(1)
  })

  it('by rep 12 and 2, by team north 12 and south 2', async () => {
    const store = await storeWith(fixture('time-selling'))
    const byRep = await run(store, 'activities_logged', { by: ['rep'] })
    expect(Object.fromEntries(byRep.map((r) => [r.group.rep, r.value]))).toEqual({ r1: 12, r2: 2 })
    const byTeam = await run(store, 'activities_logged', { by: ['team'] })
    expect(Object.fromEntries(byTeam.map((r) => [r.group.team, r.value]))).toEqual({
      north: 12,
      south: 2,
    })
  })

  it('as of May 31 the June activities have not happened', async () => {
    const store = await storeWith(fixture('time-selling'))
    const r = await one(store, 'activities_logged', { asOf: '2026-05-31' })
    expect(r).toMatchObject({ value: 10, running: true, through: '2026-05-31' })
  })

  it("drills into a rep's activities", async () => {
    const store = await storeWith(fixture('time-selling'))
    const d = await drilldown(
      store,
      {
        metric: 'activities_logged',
        part: 'numerator',
        from: Q2.from,
        to: Q2.to,
        asOf: Q2.asOf,
        group: { rep: 'r2' },
      },
      await readSettings(store),
    )
    expect(d.total).toBe(2)
    expect(d.rows.map((r) => r.id).sort()).toEqual(['a14', 'a15'])
    expect(d.rows[0]).toMatchObject({ rep_id: 'r2', rep_name: 'Bo' })
  })
})

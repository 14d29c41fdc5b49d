/**
 * Schedules and their delivery rows on every engine: stored and removed, a slot claimed
 * once, retried after its backoff, given up after the last attempt, superseded by a newer
 * slot; on PostgreSQL, two runners claiming the same slot at once get it once.
 */
import { describe, expect, it } from 'vitest'
import {
  claimDelivery,
  deliveriesOf,
  leaseMinutes,
  recordFailure,
  recordSent,
} from '../../src/schedules/deliveries.js'
import { parseScheduleSpec } from '../../src/schedules/schedule-spec.js'
import { addSchedule, listSchedules, removeSchedule } from '../../src/schedules/schedules-store.js'
import { openStore } from '../../src/store/open-store.js'
import { fileLocation, testEngine } from '../engine.js'
import { emptyStore } from '../helpers.js'

const spec = parseScheduleSpec(
  { kind: 'review', every: '0 7 1 * *', to: 'a@acme.com,b@acme.com', period: 'last-quarter' },
  1,
)
const made = new Date('2026-06-15T10:00:00Z')
const due = new Date('2026-07-01T07:00:00Z')
const at = (minutes: number) => new Date(due.getTime() + minutes * 60_000)

describe(`${testEngine}: schedules`, () => {
  it('are stored, listed and removed; a removed id is not given again', async () => {
    const store = await emptyStore()
    expect(await addSchedule(store, spec, { by: 'cli:me', now: made })).toBe(1)
    const [s] = await listSchedules(store)
    expect(s).toMatchObject({
      id: 1,
      cron: '0 7 1 * *',
      timeZone: 'UTC',
      period: 'last-quarter',
      format: 'pdf',
      lang: 'en',
      scope: null,
      recipients: ['a@acme.com', 'b@acme.com'],
      createdAt: made,
      createdBy: 'cli:me',
    })
    expect(await removeSchedule(store, 1, made)).toBe(true)
    expect(await removeSchedule(store, 1, made)).toBe(false)
    expect(await listSchedules(store)).toEqual([])
    expect(await addSchedule(store, spec, { by: null, now: made })).toBe(2)
  })

  it('a slot is claimed once; a failure waits out its backoff; the 4th failure is final', async () => {
    const store = await emptyStore()
    const id = await addSchedule(store, spec, { by: null, now: made })
    const first = await claimDelivery(store, id, due, at(0))
    expect(first).toMatchObject({ status: 'sending', attempts: 1 })
    expect(await claimDelivery(store, id, due, at(0))).toBeNull()

    expect(await recordFailure(store, first!, 'connection refused', at(0))).toEqual({
      status: 'retry',
      nextAttemptAt: at(5),
    })
    expect(await claimDelivery(store, id, due, at(4))).toBeNull()
    const second = await claimDelivery(store, id, due, at(5))
    expect(second).toMatchObject({ attempts: 2 })
    expect((await recordFailure(store, second!, 'refused', at(5))).nextAttemptAt).toEqual(at(20))
    const third = await claimDelivery(store, id, due, at(20))
    expect((await recordFailure(store, third!, 'refused', at(20))).nextAttemptAt).toEqual(at(80))
    const fourth = await claimDelivery(store, id, due, at(80))
    expect(await recordFailure(store, fourth!, 'still refused', at(80))).toEqual({
      status: 'failed',
      nextAttemptAt: null,
    })
    expect(await claimDelivery(store, id, due, at(1000))).toBeNull()
    expect(await deliveriesOf(store, id)).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 4, error: 'still refused' }),
    ])
  })

  it('a sent slot stays sent; a send whose runner died is taken over after the lease', async () => {
    const store = await emptyStore()
    const id = await addSchedule(store, spec, { by: null, now: made })
    const claimed = await claimDelivery(store, id, due, at(0))
    expect(await claimDelivery(store, id, due, at(leaseMinutes - 1))).toBeNull()
    const taken = await claimDelivery(store, id, due, at(leaseMinutes))
    expect(taken).toMatchObject({ attempts: 2 })
    await recordSent(store, taken!, at(leaseMinutes), null)
    expect(await claimDelivery(store, id, due, at(10_000))).toBeNull()
    expect(claimed).not.toBeNull()
    const [row] = await deliveriesOf(store, id)
    expect(row).toMatchObject({ status: 'sent', sentAt: at(leaseMinutes) })
  })

  it('a newer slot gives up an older one still waiting to retry (kept as failed)', async () => {
    const store = await emptyStore()
    const id = await addSchedule(store, spec, { by: null, now: made })
    const old = await claimDelivery(store, id, due, at(0))
    await recordFailure(store, old!, 'refused', at(0))
    const next = new Date('2026-08-01T07:00:00Z')
    expect(await claimDelivery(store, id, next, next)).not.toBeNull()
    const rows = await deliveriesOf(store, id)
    expect(rows.map((r) => [r.dueAt, r.status])).toEqual([
      [due, 'failed'],
      [next, 'sending'],
    ])
    expect(rows[0]?.error).toBe('refused (given up: the slot of 2026-08-01 07:00:00.000 came due)')
  })

  it.runIf(testEngine === 'postgres')('two runners at once: one claims the slot', async () => {
    // Each runner is a process of its own: a connection of its own.
    const url = fileLocation()
    const first = await openStore(url, { create: true })
    const runners = [first]
    try {
      for (let i = 0; i < 5; i++) runners.push(await openStore(url))
      const id = await addSchedule(first, spec, { by: null, now: made })
      const claims = await Promise.all(runners.map((r) => claimDelivery(r, id, due, at(0))))
      expect(claims.filter(Boolean)).toHaveLength(1)
      expect(await deliveriesOf(first, id)).toHaveLength(1)
    } finally {
      for (const r of runners) await r.close()
    }
  })
})

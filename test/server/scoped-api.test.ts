/**
 * Row-level scoping through the HTTP API, signed in as each user of a small company: an
 * admin; a manager m1 over r1 and (through r1) r2; reps r1 and r3. Every data route — metrics
 * (company, by rep, batch), drill-down and its CSV, dimensions, quality — gives each user
 * their own reps' records only, and asking for someone else's is refused without saying
 * whether they exist. Runs on every engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUser } from '../../src/auth/users.js'
import { createApp } from '../../src/server/app.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { memoryLocation } from '../engine.js'
import { PASSWORD, signInAll, teamReps } from './team-company.js'
import { importDir, writeFixture } from '../helpers.js'

const Q2 = { from: '2026-04-01', to: '2026-06-30', asOf: '2026-09-30' }
/** Won in Q2, one deal each, amounts that tell them apart. */
const won: Record<string, number> = { m1: 1000, r1: 200, r2: 30, r3: 4 }

let app: ReturnType<typeof createApp>
// Kept for the whole file (emptyStore's are closed after each test).
let store: Store
const cookies: Record<string, string> = {}

beforeAll(async () => {
  store = await openStore(memoryLocation(), { create: true })
  await importDir(
    store,
    writeFixture({
      reps: teamReps,
      opportunities: Object.entries(won).flatMap(([rep, amount]) => [
        {
          id: `won-${rep}`,
          name: `Deal of ${rep}`,
          owner_id: rep,
          status: 'won',
          amount,
          created_on: '2026-04-01',
          closed_on: '2026-05-01',
        },
        // An open deal with no expected close: a data-quality flag of its owner's.
        { id: `open-${rep}`, owner_id: rep, status: 'open', amount, created_on: '2026-04-02' },
      ]),
    }),
  )
  const t0 = new Date('2026-09-30T08:00:00Z')
  await addUser(store, { email: 'admin@acme.com', role: 'admin', password: PASSWORD }, t0)
  await addUser(store, { email: 'm1@acme.com', role: 'manager', password: PASSWORD }, t0)
  await addUser(store, { email: 'r1@acme.com', role: 'rep', password: PASSWORD }, t0)
  await addUser(store, { email: 'r3@acme.com', role: 'rep', password: PASSWORD }, t0)
  app = createApp({
    store,
    today: () => Q2.asOf,
    log: () => {},
    access: { auth: 'required', now: () => new Date('2026-09-30T09:00:00Z') },
  })
  Object.assign(cookies, await signInAll(app, ['admin', 'm1', 'r1', 'r3']))
}, 120_000)
afterAll(async () => store?.close())

const as = (who: string) => ({
  cookie: cookies[who] ?? '',
  'content-type': 'application/json',
  origin: 'http://localhost',
})

async function metrics(who: string, query: object) {
  const res = await app.request('/api/metrics', {
    method: 'POST',
    headers: as(who),
    body: JSON.stringify({ from: Q2.from, to: Q2.to, ...query }),
  })
  return {
    status: res.status,
    body: (await res.json()) as { rows: { group: Record<string, string>; value: number }[] },
  }
}

/** Who sees which reps: the oracle every route is held to. */
const sees: Record<string, string[]> = {
  admin: ['m1', 'r1', 'r2', 'r3'],
  m1: ['m1', 'r1', 'r2'],
  r1: ['r1'],
  r3: ['r3'],
}
const sum = (reps: string[]) => reps.reduce((s, r) => s + (won[r] ?? 0), 0)

describe('each user sees their own reps, through every route', () => {
  it('company revenue is the sum of what the user may see', async () => {
    for (const [who, reps] of Object.entries(sees)) {
      const { status, body } = await metrics(who, { metrics: ['total_revenue'] })
      expect(status, who).toBe(200)
      expect(body.rows[0]?.value, who).toBe(sum(reps))
    }
  })

  it('by rep: rows for the user’s reps only (names of others never sent)', async () => {
    for (const [who, reps] of Object.entries(sees)) {
      const { status, body } = await metrics(who, {
        metrics: ['total_revenue', 'win_rate'],
        by: ['rep'],
      })
      expect(status, `${who}: ${JSON.stringify(body)}`).toBe(200)
      const seen = [...new Set(body.rows.map((r) => r.group.rep))].sort()
      expect(seen, who).toEqual(reps)
      const dims = await app.request('/api/dimensions/rep', { headers: as(who) })
      const values = ((await dims.json()) as { values: { value: string }[] }).values
      expect(values.map((v) => v.value).sort(), who).toEqual(reps)
    }
  })

  it('a batch is scoped query by query', async () => {
    const res = await app.request('/api/metrics/batch', {
      method: 'POST',
      headers: as('r3'),
      body: JSON.stringify({
        queries: [
          { metrics: ['total_revenue'], ...Q2 },
          { metrics: ['total_revenue'], by: ['team'], ...Q2 },
        ],
      }),
    })
    const body = (await res.json()) as {
      results: { rows: { group: Record<string, string>; value: number }[] }[]
    }
    expect(body.results[0]?.rows[0]?.value).toBe(won.r3)
    expect(body.results[1]?.rows.map((r) => [r.group.team, r.value])).toEqual([['West', won.r3]])
  })

  it('asking for another rep, by filter, group or team, is 403 and says nothing of them', async () => {
    const other = await metrics('r1', { metrics: ['total_revenue'], filters: { rep: ['r3'] } })
    const nobody = await metrics('r1', { metrics: ['total_revenue'], filters: { rep: ['zz'] } })
    expect(other.status).toBe(403)
    expect(nobody.status).toBe(403)
    expect(other.body).toEqual(nobody.body)
    const team = await metrics('r1', { metrics: ['total_revenue'], filters: { team: ['West'] } })
    expect(team.status).toBe(403)
    const drill = await app.request(
      `/api/drilldown?metric=total_revenue&part=numerator&from=${Q2.from}&to=${Q2.to}&group=${encodeURIComponent('{"rep":"r3"}')}`,
      { headers: as('r1') },
    )
    expect(drill.status).toBe(403)
  })

  it('drill-downs and their CSV export list the user’s records only', async () => {
    for (const [who, reps] of Object.entries(sees)) {
      const base = `/api/drilldown?metric=total_revenue&part=numerator&from=${Q2.from}&to=${Q2.to}`
      const res = await app.request(`${base}&page_size=100`, { headers: as(who) })
      const body = (await res.json()) as { rows: { id: string }[] }
      expect(body.rows.map((r) => r.id).sort(), who).toEqual(reps.map((r) => `won-${r}`))
      const csv = await (await app.request(`${base}&format=csv`, { headers: as(who) })).text()
      for (const rep of Object.keys(won)) {
        expect(csv.includes(`won-${rep}`), `${who} csv ${rep}`).toBe(reps.includes(rep))
      }
    }
  })

  it('data-quality flags are the user’s own records', async () => {
    for (const [who, reps] of Object.entries(sees)) {
      const res = await app.request('/api/quality', { headers: as(who) })
      const body = (await res.json()) as {
        checks: { id: string; records: { record_id: string }[] }[]
      }
      const noClose = body.checks.find((c) => c.id === 'open_no_close_date')
      expect(noClose?.records.map((r) => r.record_id).sort(), who).toEqual(
        reps.map((r) => `open-${r}`),
      )
    }
  })
})

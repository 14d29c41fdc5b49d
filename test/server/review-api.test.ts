/**
 * Reviews through the HTTP API, signed in as each user of a small company: the pack of a
 * period is computed through the user's scope, exports carry the same figures, saved reviews
 * are listed and opened only within the scope. Runs on every engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUser } from '../../src/auth/users.js'
import { createApp } from '../../src/server/app.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { memoryLocation } from '../engine.js'
import { importDir, writeFixture } from '../helpers.js'
import { PASSWORD, signInAll, teamReps } from './team-company.js'

let store: Store
let app: ReturnType<typeof createApp>
let cookies: Record<string, string> = {}
const won: Record<string, number> = { m1: 1000, r1: 200, r2: 30, r3: 4 }

beforeAll(async () => {
  store = await openStore(memoryLocation(), { create: true })
  await importDir(
    store,
    writeFixture({
      reps: teamReps,
      opportunities: Object.entries(won).map(([rep, amount]) => ({
        id: `won-${rep}`,
        owner_id: rep,
        status: 'won',
        amount,
        created_on: '2026-04-01',
        closed_on: '2026-05-01',
      })),
    }),
  )
  const t0 = new Date('2026-09-30T08:00:00Z')
  for (const [who, role] of [
    ['admin', 'admin'],
    ['m1', 'manager'],
    ['r1', 'rep'],
  ] as const)
    await addUser(store, { email: `${who}@acme.com`, role, password: PASSWORD }, t0)
  app = createApp({
    store,
    today: () => '2026-09-30',
    log: () => {},
    access: { auth: 'required', now: () => new Date('2026-09-30T09:00:00Z') },
  })
  cookies = await signInAll(app, ['admin', 'm1', 'r1'])
}, 120_000)
afterAll(async () => store?.close())

const as = (who: string) => ({
  cookie: cookies[who] ?? '',
  'content-type': 'application/json',
  origin: 'http://localhost',
})
const get = (who: string, path: string) => app.request(path, { headers: as(who) })

describe('reviews through the API', () => {
  it('each user’s pack holds their numbers; its document is the PDF’s blocks', async () => {
    const sees: Record<string, number> = { admin: 1234, m1: 1230, r1: 200 }
    for (const [who, revenue] of Object.entries(sees)) {
      const res = await get(who, '/api/review?period=2026-Q2&lang=pl')
      expect(res.status, who).toBe(200)
      const body = (await res.json()) as {
        pack: { headline: { metric: string; value: number }[]; team: { reps: { rep: string }[] } }
        document: { title: string; blocks: { kind: string }[] }
      }
      expect(body.pack.headline.find((k) => k.metric === 'total_revenue')?.value, who).toBe(revenue)
      expect(body.document.title).toBe('Przegląd kwartalny 2026-Q2')
      if (who === 'r1') expect(body.pack.team.reps.map((r) => r.rep)).toEqual(['r1'])
    }
    const md = await get('r1', '/api/review/export?period=2026-Q2&format=md')
    expect(md.headers.get('content-disposition')).toContain('review-2026-Q2-en.md')
    const text = await md.text()
    expect(text).toContain('| Total revenue | $200 |')
    expect(text).not.toContain('Rex Three')
    expect((await get('r1', '/api/review?period=2026-Q2&filters={"rep":["r3"]}')).status).toBe(403)
    expect((await get('r1', '/api/review')).status).toBe(400)
  })

  it('saved reviews: saved by a manager for their team, seen within the scope only', async () => {
    const save = (who: string) =>
      app.request('/api/reviews', {
        method: 'POST',
        headers: as(who),
        body: JSON.stringify({ period: '2026-Q2' }),
      })
    expect((await save('r1')).status).toBe(403)
    const byAdmin = (await (await save('admin')).json()) as { id: number }
    const byManager = (await (await save('m1')).json()) as { id: number }
    const list = async (who: string) =>
      (
        (await (await get(who, '/api/reviews')).json()) as { reviews: { id: number }[] }
      ).reviews.map((r) => r.id)
    expect(await list('admin')).toEqual([byManager.id, byAdmin.id])
    expect(await list('m1')).toEqual([byManager.id]) // the company's is not his to see
    expect(await list('r1')).toEqual([])
    expect((await get('m1', `/api/reviews/${byAdmin.id}/export?format=json`)).status).toBe(404)
    const mine = await get('m1', `/api/reviews/${byManager.id}/export?format=csv`)
    expect(mine.status).toBe(200)
    const csv = await mine.text()
    expect(csv.split('\n')[0]).toBe('figure,value,value_now')
    expect(csv).toContain('headline.total_revenue.value,1230,1230')
  })
})

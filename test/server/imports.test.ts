/**
 * Import through the server: upload, preview, import (all-or-nothing or skipping invalid
 * rows), rejects download, on every engine. Admins import anything; a manager (m1, over r1
 * and r2) only their team's records; reps and read-only tokens not at all; an upload is its
 * uploader's alone and no answer names where the server keeps it.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readAudit } from '../../src/auth/audit.js'
import { createToken } from '../../src/auth/tokens.js'
import { addUser } from '../../src/auth/users.js'
import { createApp } from '../../src/server/app.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { memoryLocation } from '../engine.js'
import { PASSWORD, signInAll, teamReps } from './team-company.js'
import { importDir, toCsv, writeFixture, type Rec } from '../helpers.js'

const t0 = new Date('2026-09-30T08:00:00Z')

let store: Store
let app: ReturnType<typeof createApp>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  store = await openStore(memoryLocation(), { create: true })
  await importDir(
    store,
    writeFixture({
      reps: teamReps,
      opportunities: [
        { id: 'd-r1', owner_id: 'r1', status: 'open', amount: 100, created_on: '2026-04-01' },
        { id: 'd-r3', owner_id: 'r3', status: 'open', amount: 300, created_on: '2026-04-01' },
      ],
    }),
  )
  for (const [email, role] of [
    ['admin@acme.com', 'admin'],
    ['m1@acme.com', 'manager'],
    ['r1@acme.com', 'rep'],
  ] as const)
    await addUser(store, { email, role, password: PASSWORD }, t0)
  app = createApp({
    store,
    today: () => '2026-09-30',
    log: () => {},
    access: { auth: 'required', now: () => new Date('2026-09-30T09:00:00Z') },
    maxUploadBytes: 64 * 1024,
  })
  Object.assign(cookies, await signInAll(app, ['admin', 'm1', 'r1']))
}, 120_000)
afterAll(async () => store?.close())

const headers = (who: string, type = 'application/json') => ({
  cookie: cookies[who] ?? '',
  'content-type': type,
  origin: 'http://localhost',
})

async function upload(who: string, name: string, text: string | Buffer) {
  const res = await app.request(`/api/imports?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: headers(who, 'application/octet-stream'),
    body: text,
  })
  return { status: res.status, body: (await res.json()) as { id: string; code?: string } }
}

type Report = {
  file: string
  rows: number
  rejected: number
  inserted: number
  updated: number
  source: string
  createdReps: number
  errors: { line: number; column: string; value: string | null; reason: string }[]
  rejectsUrl: string | null
}

async function post(who: string, path: string, body: object) {
  const res = await app.request(path, {
    method: 'POST',
    headers: headers(who),
    body: JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown> }
}

async function deals(): Promise<Record<string, string>> {
  const rows = await store.query('SELECT id, owner_id FROM opportunities ORDER BY id')
  return Object.fromEntries(rows.map((r) => [String(r.id), String(r.owner_id)]))
}

const deal = (id: string, owner: string, extra: Rec = {}): Rec => ({
  id,
  owner_id: owner,
  status: 'open',
  amount: 50,
  created_on: '2026-05-01',
  ...extra,
})

describe('an admin imports through the server', () => {
  it('previews, refuses a file with a bad row whole, and lets the rejects be downloaded', async () => {
    const csv = toCsv([
      deal('n-1', 'r1'),
      deal('n-2', 'r3', { amount: 'lots' }),
      deal('d-r1', 'r1', { amount: 150 }),
    ])
    const up = await upload('admin', 'new deals.csv', csv)
    expect(up.status).toBe(201)
    const preview = await post('admin', `/api/imports/${up.body.id}/preview`, {
      entity: 'opportunities',
    })
    expect(preview.status, preview.text).toBe(200)
    const { inspection, check } = preview.body as {
      inspection: { file: string; rows: number; columns: { column: string; becomes: string[] }[] }
      check: Report
    }
    expect(inspection.file).toBe('new deals.csv')
    expect(inspection.rows).toBe(3)
    expect(inspection.columns.find((c) => c.column === 'amount')?.becomes).toEqual(['amount'])
    expect(check).toMatchObject({ rows: 3, rejected: 1, inserted: 1, updated: 1 })
    expect(check.errors[0]).toMatchObject({ line: 3, column: 'amount', value: 'lots' })

    const before = await deals()
    const refused = await post('admin', `/api/imports/${up.body.id}/import`, {
      entity: 'opportunities',
    })
    expect(refused.status).toBe(422)
    expect(refused.body.message).toBe(
      'new deals.csv: 1 of 3 rows are invalid; nothing was imported',
    )
    expect(await deals()).toEqual(before) // nothing written
    const report = refused.body.report as Report
    expect(report.errors[0]?.reason).toMatch(/not a number/)
    expect(report.rejectsUrl).toBe(`/api/imports/${up.body.id}/rejects`)
    const rejects = await app.request(report.rejectsUrl as string, { headers: headers('admin') })
    expect(rejects.status).toBe(200)
    expect(rejects.headers.get('content-disposition')).toContain('new_deals.csv.rejects.csv')
    const lines = (await rejects.text()).trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/^3,n-2,r3,open,lots,2026-05-01,"?amount: not a number/)

    const skipped = await post('admin', `/api/imports/${up.body.id}/import`, {
      entity: 'opportunities',
      skipInvalid: true,
    })
    expect(skipped.status, skipped.text).toBe(200)
    expect(skipped.body.report).toMatchObject({ inserted: 1, updated: 1, rejected: 1 })
    expect(await deals()).toEqual({ ...before, 'n-1': 'r1' })
    const [amount] = await store.query(`SELECT amount FROM opportunities WHERE id = 'd-r1'`)
    expect(Number(amount?.amount)).toBe(150)
    const audit = await readAudit(store, { action: 'import' })
    expect(audit.slice(0, 2).map((a) => [a.actor, a.ok, a.target])).toEqual([
      ['admin@acme.com', true, 'opportunities new deals.csv'],
      ['admin@acme.com', false, 'opportunities new deals.csv'],
    ])
  })

  it('reads a CRM export with the preset chosen (owners by name become reps)', async () => {
    const file = readFileSync('test/fixtures/crm/pipedrive/deals-2026-05-01.csv')
    const up = await upload('admin', 'deals-2026-05-01.csv', file)
    const preview = await post('admin', `/api/imports/${up.body.id}/preview`, {
      entity: 'opportunities',
      preset: 'pipedrive',
    })
    expect(preview.status, preview.text).toBe(200)
    expect((preview.body.check as Report).source).toBe('pipedrive')
    const done = await post('admin', `/api/imports/${up.body.id}/import`, {
      entity: 'opportunities',
      preset: 'pipedrive',
      exportedAt: '2026-05-01',
    })
    expect(done.status, done.text).toBe(200)
    expect(done.body.report).toMatchObject({ rows: 3, rejected: 0, createdReps: 2 })
    // Without the preset the file lacks the native columns: said, naming the upload only.
    const native = await post('admin', `/api/imports/${up.body.id}/preview`, {
      entity: 'opportunities',
    })
    expect(native.status).toBe(400)
    expect(native.text).toContain('deals-2026-05-01.csv')
    expect(native.text).not.toMatch(/miernik-tmp|\/tmp\//)
  })

  it('refuses what is not an upload: wrong type, too large, empty, no name, bad options', async () => {
    const wrongType = await app.request('/api/imports?name=a.csv', {
      method: 'POST',
      headers: headers('admin', 'text/plain'),
      body: 'id\n1\n',
    })
    expect(wrongType.status).toBe(415)
    const big = await upload('admin', 'big.csv', 'x'.repeat(65 * 1024))
    expect(big.status).toBe(413)
    expect((await upload('admin', 'empty.csv', '')).status).toBe(400)
    expect((await upload('admin', '', 'id\n1\n')).status).toBe(400)
    const up = await upload('admin', 'reps.csv', 'id,name\nx1,Xena\n')
    const bad = await post('admin', `/api/imports/${up.body.id}/preview`, { entity: 'nope' })
    expect(bad.status).toBe(400)
    const extra = await post('admin', `/api/imports/${up.body.id}/preview`, {
      entity: 'reps',
      mapping: '/etc/passwd',
    })
    expect(extra.status).toBe(400) // a mapping file on the server's disk is not for the API
    const gone = await app.request(`/api/imports/${up.body.id}`, {
      method: 'DELETE',
      headers: headers('admin'),
    })
    expect(gone.status).toBe(200)
    expect(
      (await post('admin', `/api/imports/${up.body.id}/preview`, { entity: 'reps' })).status,
    ).toBe(404)
  })
})

describe('who may import', () => {
  it('a manager imports their team’s deals; others’ rows are rejects, taking one over too', async () => {
    const csv = toCsv([
      deal('m-1', 'r2'), // r2 reports to r1, who reports to m1: theirs
      deal('m-2', 'r3'), // another team
      deal('d-r3', 'r1'), // r3's deal, moved to r1: a takeover
      deal('m-3', ''), // no owner
    ])
    const up = await upload('m1', 'team.csv', csv)
    expect(up.status).toBe(201)
    const before = await deals()
    const refused = await post('m1', `/api/imports/${up.body.id}/import`, {
      entity: 'opportunities',
    })
    expect(refused.status).toBe(422)
    const report = refused.body.report as Report
    expect(report.rejected).toBe(3)
    expect(report.errors.map((e) => [e.line, e.column, e.value, e.reason])).toEqual([
      [
        3,
        'owner_id',
        'r3',
        'not one of your reps: a manager imports records of their own team only',
      ],
      [4, 'id', 'd-r3', 'this record belongs to a rep outside your team'],
      [
        5,
        'owner_id',
        null,
        'not one of your reps: a manager imports records of their own team only',
      ],
    ])
    expect(await deals()).toEqual(before)
    const done = await post('m1', `/api/imports/${up.body.id}/import`, {
      entity: 'opportunities',
      skipInvalid: true,
    })
    expect(done.status, done.text).toBe(200)
    expect(await deals()).toEqual({ ...before, 'm-1': 'r2' })
  })

  it('a manager’s file without owners updates their own deals only', async () => {
    const up = await upload(
      'm1',
      'amounts.csv',
      'id,status,created_on,amount\nd-r1,open,2026-04-01,120\nd-r3,open,2026-04-01,999\n',
    )
    const res = await post('m1', `/api/imports/${up.body.id}/import`, {
      entity: 'opportunities',
      skipInvalid: true,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.report).toMatchObject({ updated: 1, rejected: 1 })
    const rows = await store.query(
      `SELECT id, amount FROM opportunities WHERE id IN ('d-r1', 'd-r3') ORDER BY id`,
    )
    expect(rows.map((r) => Number(r.amount))).toEqual([120, 300])
  })

  it('a manager cannot import what the whole company shares, nor stage history of others', async () => {
    const up = await upload('m1', 'reps.csv', 'id,name,manager_id\nr3,Rex Three,m1\n')
    const reps = await post('m1', `/api/imports/${up.body.id}/preview`, { entity: 'reps' })
    expect(reps.status).toBe(403)
    expect(reps.body.message).toMatch(/reps are shared by the whole company: an admin imports them/)
    const history = await upload(
      'm1',
      'history.csv',
      'opportunity_id,stage,entered_at\nd-r1,Demo,2026-05-02\nd-r3,Demo,2026-05-02\n',
    )
    const res = await post('m1', `/api/imports/${history.body.id}/import`, {
      entity: 'stage_changes',
      skipInvalid: true,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.report).toMatchObject({ inserted: 1, rejected: 1 })
  })

  it('a rep, a read-only token, another user’s upload and a cross-site page get nothing', async () => {
    expect((await upload('r1', 'mine.csv', 'id,name\nx,X\n')).status).toBe(403)
    const read = await createToken(
      store,
      { email: 'admin@acme.com', name: 'ro', scope: 'read' },
      t0,
    )
    const withToken = await app.request('/api/imports?name=a.csv', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${read.token}`,
        'content-type': 'application/octet-stream',
      },
      body: 'id,name\nx,X\n',
    })
    expect(withToken.status).toBe(403)
    const up = await upload('admin', 'private.csv', 'id,name\nx,X\n')
    const other = await post('m1', `/api/imports/${up.body.id}/preview`, { entity: 'reps' })
    expect(other.status).toBe(404) // not 403: whether it exists is not said
    const crossSite = await app.request('/api/imports?name=a.csv', {
      method: 'POST',
      headers: { ...headers('admin', 'application/octet-stream'), origin: 'https://evil.example' },
      body: 'id,name\nx,X\n',
    })
    expect(crossSite.status).toBe(403)
    const anonymous = await app.request(`/api/imports/${up.body.id}/rejects`)
    expect(anonymous.status).toBe(401)
  })
})

/**
 * Sign-in and the attacks it must hold against, through the HTTP API in process: anonymous
 * requests, wrong passwords and brute force, session fixation, CSRF, DNS-rebinding Host
 * headers, read-only, revoked and orphaned tokens, roles. Runs on every engine.
 */
import { describe, expect, it } from 'vitest'
import { createToken, revokeToken } from '../../src/auth/tokens.js'
import { addUser, removeUser } from '../../src/auth/users.js'
import { openApiDocument } from '../../src/server/openapi.js'
import { createApp } from '../../src/server/app.js'
import type { AccessOptions } from '../../src/server/access.js'
import type { Store } from '../../src/store/store.js'
import { emptyStore, fixture, importDir } from '../helpers.js'

const PASSWORD = 'correct horse battery staple'
const T0 = new Date('2026-12-02T10:00:00Z')

async function setup(options: Partial<AccessOptions> = {}) {
  const store = await emptyStore()
  await importDir(store, fixture('win-rate'))
  await addUser(store, { email: 'Boss@Acme.com', role: 'admin', password: PASSWORD }, T0)
  await addUser(store, { email: 'ada@acme.com', role: 'rep', password: PASSWORD }, T0)
  let now = T0
  const app = createApp({
    store,
    today: () => '2026-09-30',
    log: () => {},
    access: { auth: 'required', now: () => now, ...options },
  })
  return { store, app, advance: (ms: number) => (now = new Date(now.getTime() + ms)) }
}

type App = ReturnType<typeof createApp>

async function signIn(app: App, email: string, password = PASSWORD, cookie?: string) {
  return app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email, password }),
  })
}

/** The session cookie a sign-in set, as a Cookie header. */
function sessionOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? ''
  const m = /miernik_session=([^;]+)/.exec(set)
  if (!m) throw new Error(`no session cookie in ${set}`)
  return `miernik_session=${m[1]}`
}

const json = { 'content-type': 'application/json' }
const sameOrigin = { ...json, origin: 'http://localhost' }

describe('sign-in required', () => {
  it('every documented path answers 401 to an anonymous request (sign-in aside)', async () => {
    const { app } = await setup()
    const paths = (openApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths
    const seen: string[] = []
    for (const [template, ops] of Object.entries(paths)) {
      const path = template.replace(/\{[^}]+\}/g, 'x')
      for (const method of Object.keys(ops)) {
        if (path === '/api/auth/login') continue
        const res = await app.request(`${path}?from=2026-04-01&to=2026-06-30&metric=win_rate`, {
          method: method.toUpperCase(),
          headers: json,
          ...(method === 'get' ? {} : { body: '{}' }),
        })
        seen.push(`${method.toUpperCase()} ${path} ${res.status}`)
        expect(res.status, `${method} ${path}`).toBe(401)
        const body = (await res.json()) as { code: string }
        expect(body.code).toBe('UNAUTHENTICATED')
      }
    }
    expect(seen.length).toBeGreaterThan(12)
  })

  it('signs in with the e-mail in any case; the cookie is HttpOnly, SameSite=Lax; me says who', async () => {
    const { app } = await setup()
    const res = await signIn(app, '  BOSS@acme.com ')
    expect(res.status).toBe(200)
    const set = res.headers.get('set-cookie') ?? ''
    expect(set).toMatch(/HttpOnly/i)
    expect(set).toMatch(/SameSite=Lax/i)
    expect(set).not.toMatch(/Secure/i) // http on localhost
    const me = await app.request('/api/auth/me', { headers: { cookie: sessionOf(res) } })
    expect(await me.json()).toMatchObject({ user: { email: 'boss@acme.com', role: 'admin' } })
  })

  it('behind an https public origin the cookie is Secure', async () => {
    const { app } = await setup({ publicOrigin: 'https://kpi.acme.com' })
    const res = await signIn(app, 'boss@acme.com')
    expect(res.headers.get('set-cookie')).toMatch(/Secure/i)
  })

  it('a wrong password or an unknown e-mail: the same 401, never which of the two', async () => {
    const { app } = await setup()
    const wrong = await signIn(app, 'boss@acme.com', 'not the password at all')
    const unknown = await signIn(app, 'nobody@acme.com', PASSWORD)
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
  })

  it('five wrong passwords lock the account 15 minutes, the right one included, then it opens', async () => {
    const { app, advance } = await setup()
    for (let i = 0; i < 4; i++)
      expect((await signIn(app, 'ada@acme.com', 'wrong password!!')).status).toBe(401)
    const fifth = await signIn(app, 'ada@acme.com', 'wrong password!!')
    expect(fifth.status).toBe(429)
    const body = (await fifth.json()) as { code: string; message: string }
    expect(body.code).toBe('ACCOUNT_LOCKED')
    expect(body.message).toContain('locked for 15 min')
    expect((await signIn(app, 'ada@acme.com')).status).toBe(429)
    advance(15 * 60_000 + 1000)
    expect((await signIn(app, 'ada@acme.com')).status).toBe(200)
  })

  it('five wrong passwords sent at once lock the account all the same', async () => {
    const { app } = await setup()
    const statuses = await Promise.all(
      Array.from({ length: 5 }, async () => (await signIn(app, 'ada@acme.com', 'wrong!!')).status),
    )
    expect(statuses).toContain(429)
    expect((await signIn(app, 'ada@acme.com')).status).toBe(429)
  })

  it('one address trying many accounts waits after 20 attempts', async () => {
    const { app } = await setup()
    const statuses: number[] = []
    for (let i = 0; i < 21; i++)
      statuses.push((await signIn(app, `x${i}@acme.com`, 'whatever password')).status)
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
    expect(statuses[20]).toBe(429)
  })

  it('session fixation: a cookie planted before sign-in is not the session after it', async () => {
    const { app } = await setup()
    const planted = 'miernik_session=attacker-chosen-value'
    const res = await signIn(app, 'boss@acme.com', PASSWORD, planted)
    const session = sessionOf(res)
    expect(session).not.toBe(planted)
    expect((await app.request('/api/auth/me', { headers: { cookie: planted } })).status).toBe(401)
    // Signing in again replaces the old session too.
    const again = await signIn(app, 'boss@acme.com', PASSWORD, session)
    expect(sessionOf(again)).not.toBe(session)
    expect((await app.request('/api/auth/me', { headers: { cookie: session } })).status).toBe(401)
  })

  it('sign-out ends the session; a session expires after 12 hours', async () => {
    const { app, advance } = await setup()
    const a = sessionOf(await signIn(app, 'boss@acme.com'))
    const out = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { ...sameOrigin, cookie: a },
      body: '{}',
    })
    expect(out.status).toBe(200)
    expect((await app.request('/api/catalog', { headers: { cookie: a } })).status).toBe(401)
    const b = sessionOf(await signIn(app, 'boss@acme.com'))
    advance(12 * 3600_000 + 1000)
    expect((await app.request('/api/catalog', { headers: { cookie: b } })).status).toBe(401)
  })
})

describe('changes', () => {
  const put = (app: App, headers: Record<string, string>, body = '{"value":["win_rate"]}') =>
    app.request('/api/settings/tracked_metrics', { method: 'PUT', headers, body })

  it('CSRF: a cookie change from another origin, or with no Origin, is refused', async () => {
    const { app } = await setup()
    const cookie = sessionOf(await signIn(app, 'boss@acme.com'))
    expect((await put(app, { ...json, cookie, origin: 'https://evil.example' })).status).toBe(403)
    expect((await put(app, { ...json, cookie })).status).toBe(403)
    expect((await put(app, { ...sameOrigin, cookie })).status).toBe(200)
  })

  it('only JSON bodies: a form or text body is 415', async () => {
    const { app } = await setup()
    const cookie = sessionOf(await signIn(app, 'boss@acme.com'))
    const form = {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://localhost',
      cookie,
    }
    expect((await put(app, form, 'value=win_rate')).status).toBe(415)
    const text = { 'content-type': 'text/plain', origin: 'http://localhost', cookie }
    expect((await put(app, text, '{"value":["win_rate"]}')).status).toBe(415)
  })

  it('a rep may not change settings', async () => {
    const { app } = await setup()
    const cookie = sessionOf(await signIn(app, 'ada@acme.com'))
    expect((await put(app, { ...sameOrigin, cookie })).status).toBe(403)
  })

  it('only an admin may change where mail goes (the SMTP password is sent there)', async () => {
    const { app, store } = await setup()
    await addUser(store, { email: 'max@acme.com', role: 'manager', password: PASSWORD }, T0)
    const smtpHost = (cookie: string) =>
      app.request('/api/settings/smtp_host', {
        method: 'PUT',
        headers: { ...sameOrigin, cookie },
        body: JSON.stringify({ value: 'mail.evil.example' }),
      })
    const manager = sessionOf(await signIn(app, 'max@acme.com'))
    expect((await smtpHost(manager)).status).toBe(403)
    const admin = sessionOf(await signIn(app, 'boss@acme.com'))
    const res = await smtpHost(admin)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { smtp_host: string }).smtp_host).toBe('mail.evil.example')
  })
})

describe('API tokens', () => {
  async function token(store: Store, email: string, scope: 'read' | 'write') {
    return createToken(store, { email, name: 'script', scope }, T0)
  }
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` })

  it('a read token reads and may not write; a write token writes without an Origin', async () => {
    const { app, store } = await setup()
    const read = await token(store, 'boss@acme.com', 'read')
    expect((await app.request('/api/catalog', { headers: bearer(read.token) })).status).toBe(200)
    const metrics = await app.request('/api/metrics', {
      method: 'POST',
      headers: { ...json, ...bearer(read.token) },
      body: JSON.stringify({ metrics: ['win_rate'], from: '2026-04-01', to: '2026-06-30' }),
    })
    expect(metrics.status).toBe(200)
    const body = '{"value":["win_rate"]}'
    const putWith = (t: string) =>
      app.request('/api/settings/tracked_metrics', {
        method: 'PUT',
        headers: { ...json, ...bearer(t) },
        body,
      })
    expect((await putWith(read.token)).status).toBe(403)
    const write = await token(store, 'boss@acme.com', 'write')
    expect((await putWith(write.token)).status).toBe(200)
  })

  it('a revoked token, a token of a removed user and a made-up one: 401', async () => {
    const { app, store } = await setup()
    const t1 = await token(store, 'boss@acme.com', 'read')
    await revokeToken(store, t1.id, T0)
    expect((await app.request('/api/catalog', { headers: bearer(t1.token) })).status).toBe(401)
    const t2 = await token(store, 'ada@acme.com', 'read')
    await removeUser(store, 'ada@acme.com')
    expect((await app.request('/api/catalog', { headers: bearer(t2.token) })).status).toBe(401)
    expect((await app.request('/api/catalog', { headers: bearer('mk_made-up') })).status).toBe(401)
  })

  it('secrets are stored hashed: no password or token in any table', async () => {
    const { store } = await setup()
    const t = await token(store, 'boss@acme.com', 'read')
    for (const table of ['users', 'api_tokens', 'sessions', 'audit_log']) {
      const rows = await store.query(`SELECT * FROM ${table}`)
      const text = JSON.stringify(rows)
      expect(text, table).not.toContain(PASSWORD)
      expect(text, table).not.toContain(t.token)
    }
    const [u] = await store.query("SELECT password_hash FROM users WHERE email = 'boss@acme.com'")
    expect(String(u?.password_hash)).toMatch(/^scrypt\$32768\$8\$1\$/)
  })
})

describe('the server as a whole', () => {
  it('DNS rebinding: another Host is refused (421); localhost names and the public origin pass', async () => {
    const { app } = await setup({ publicOrigin: 'https://kpi.acme.com' })
    const at = (host: string) => app.request('/api/catalog', { headers: { host } })
    expect((await at('evil.example')).status).toBe(421)
    expect((await at('evil.example:8080')).status).toBe(421)
    expect((await at('127.0.0.1:8080')).status).toBe(401) // answered: sign in
    expect((await at('localhost')).status).toBe(401)
    expect((await at('kpi.acme.com')).status).toBe(401)
  })

  it('security headers on every answer', async () => {
    const { app } = await setup()
    const res = await app.request('/api/catalog')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  it('sign-ins, good and bad, are in the audit log with who and never the password', async () => {
    const { app, store } = await setup()
    await signIn(app, 'boss@acme.com')
    await signIn(app, 'boss@acme.com', 'a wrong password here')
    const rows = await store.query(
      "SELECT actor, action, ok, detail FROM audit_log WHERE action = 'sign_in' ORDER BY happened_at",
    )
    expect(rows.map((r) => [r.actor, r.ok, r.detail])).toEqual([
      ['boss@acme.com', true, null],
      ['boss@acme.com', false, 'bad_credentials'],
    ])
    // Admins read it over the API; a rep may not.
    const admin = sessionOf(await signIn(app, 'boss@acme.com'))
    const log = await app.request('/api/audit?action=sign_in', { headers: { cookie: admin } })
    const entries = ((await log.json()) as { entries: { actor: string; ok: boolean }[] }).entries
    expect(entries.map((e) => e.ok)).toEqual([true, false, true])
    const rep = sessionOf(await signIn(app, 'ada@acme.com'))
    expect((await app.request('/api/audit', { headers: { cookie: rep } })).status).toBe(403)
  })
})

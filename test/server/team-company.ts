/**
 * A small company for the access tests: manager m1 over r1 and (through r1) r2, and r3 in
 * another team, each rep with the e-mail `<id>@acme.com`; users signed in through the API.
 */
import type { Rec } from '../helpers.js'
import type { createApp } from '../../src/server/app.js'

export const PASSWORD = 'correct horse battery staple'

export const teamReps: Rec[] = [
  { id: 'm1', name: 'Mia Manager', email: 'm1@acme.com', team: 'East', manager_id: '' },
  { id: 'r1', name: 'Rob One', email: 'r1@acme.com', team: 'East', manager_id: 'm1' },
  { id: 'r2', name: 'Rae Two', email: 'r2@acme.com', team: 'East', manager_id: 'r1' },
  { id: 'r3', name: 'Rex Three', email: 'r3@acme.com', team: 'West', manager_id: '' },
]

/** Signs each `<who>@acme.com` in with PASSWORD; their session cookies by who. */
export async function signInAll(
  app: ReturnType<typeof createApp>,
  who: readonly string[],
): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {}
  for (const w of who) {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${w}@acme.com`, password: PASSWORD }),
    })
    cookies[w] = /miernik_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? ''
  }
  return cookies
}

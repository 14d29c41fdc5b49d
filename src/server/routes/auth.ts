import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { getConnInfo } from '@hono/node-server/conninfo'
import { z } from 'zod'
import { audit } from '../../auth/audit.js'
import { createSession, endSession, SESSION_HOURS } from '../../auth/sessions.js'
import { signIn } from '../../auth/sign-in.js'
import type { Store } from '../../store/store.js'
import { principalOf, SESSION_COOKIE, type AccessOptions } from '../access.js'
import { HttpError } from '../http-errors.js'

const signInSchema = z
  .object({ email: z.string().max(320), password: z.string().max(1024) })
  .strict()

/** Sign-in attempts one address may make in a window, whatever the accounts it tries. */
export const ATTEMPTS_PER_WINDOW = 20
const WINDOW_MS = 10 * 60_000

/** Attempts per client address in the current window (kept in memory: one server process). */
class AttemptLimiter {
  private readonly attempts = new Map<string, { start: number; n: number }>()
  /** Milliseconds to wait when over the limit, else 0 (the attempt is counted). */
  take(key: string, now: number): number {
    const a = this.attempts.get(key)
    if (!a || now - a.start >= WINDOW_MS) {
      this.attempts.set(key, { start: now, n: 1 })
      if (this.attempts.size > 10_000) this.attempts.clear() // a flood of addresses: start over
      return 0
    }
    a.n += 1
    return a.n > ATTEMPTS_PER_WINDOW ? a.start + WINDOW_MS - now : 0
  }
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}

/**
 * POST /api/auth/login {email, password}: a new session (a new secret each time, so one
 * planted before is never used after) in an HttpOnly, SameSite=Lax cookie, Secure behind
 * https. Wrong credentials say only that; repeated ones lock the account for a while, and
 * one address making too many attempts waits. Every attempt goes to the audit log.
 * POST /api/auth/logout ends the session; GET /api/auth/me says who is signed in.
 */
export function authRoutes(store: Store, options: AccessOptions): Hono {
  const now = options.now ?? (() => new Date())
  const limiter = new AttemptLimiter()
  const secure = options.publicOrigin?.startsWith('https:') ?? false
  return new Hono()
    .post('/login', async (c) => {
      const at = now()
      const wait = limiter.take(clientAddress(c), at.getTime())
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000)
        throw new HttpError(
          429,
          'TOO_MANY_ATTEMPTS',
          `too many sign-in attempts from your address: try again in ${Math.ceil(seconds / 60)} min`,
          { 'retry-after': String(seconds) },
        )
      }
      let body: z.infer<typeof signInSchema>
      try {
        body = signInSchema.parse(await c.req.json())
      } catch {
        throw new HttpError(400, 'INVALID_QUERY', 'send {"email": "...", "password": "..."}')
      }
      const result = await signIn(store, body.email, body.password, at)
      await audit(
        store,
        {
          actor: body.email.trim().toLowerCase().slice(0, 320),
          action: 'sign_in',
          ok: result.ok,
          detail: result.ok ? null : result.reason,
        },
        at,
      )
      if (!result.ok && result.reason === 'locked') {
        const minutes = Math.ceil((result.until.getTime() - at.getTime()) / 60_000)
        throw new HttpError(
          429,
          'ACCOUNT_LOCKED',
          `too many wrong passwords for this account: it is locked for ${minutes} min (an admin can reset it with miernik user passwd)`,
          { 'retry-after': String(minutes * 60) },
        )
      }
      if (!result.ok) throw new HttpError(401, 'BAD_CREDENTIALS', 'wrong e-mail or password')
      // A session cookie already held (perhaps planted) ends here: the new one replaces it.
      const old = getCookie(c, SESSION_COOKIE)
      if (old) await endSession(store, old)
      const session = await createSession(store, result.user.email, at)
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: '/',
        maxAge: SESSION_HOURS * 3600,
      })
      return c.json({ user: result.user })
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE)
      const { user } = principalOf(c)
      if (token) await endSession(store, token)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      await audit(store, { actor: user.email, action: 'sign_out', ok: true }, now())
      return c.json({ ok: true })
    })
    .get('/me', (c) => {
      const p = principalOf(c)
      return c.json({ user: p.user, via: p.via, auth: options.auth === 'required' })
    })
}

import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import { sessionUser } from '../auth/sessions.js'
import { TOKEN_PREFIX, tokenUser, type TokenScope } from '../auth/tokens.js'
import type { Role, User } from '../auth/users.js'
import { resolveScope, type AccessScope } from '../access/scope.js'
import type { Store } from '../store/store.js'
import { isUpload } from './guards.js'
import { HttpError } from './http-errors.js'

/**
 * Who may use the server. `required` (what `miernik serve` runs with): every API request
 * names a user, by session cookie or API token. `off` (`--no-auth`, 127.0.0.1 only, and the
 * library's default for a server embedded in a trusted process): everyone is a local admin.
 * `publicOrigin` (https://miernik.example.com) is the one name besides localhost the server
 * answers to, and says whether its cookies are Secure.
 */
export interface AccessOptions {
  auth: 'required' | 'off'
  publicOrigin?: string | undefined
  /** The clock of sessions and lockouts (tests pass their own). */
  now?: () => Date
}

/** The user a request acts as, and how they proved it. */
export interface Principal {
  user: User
  via: 'session' | 'token' | 'none'
  /** A token's scope; sessions and --no-auth may write. */
  scope: TokenScope
}

export const SESSION_COOKIE = 'miernik_session'

const principals = new WeakMap<Request, Principal>()
const scopes = new WeakMap<Request, Promise<AccessScope>>()

/**
 * What the request's user may see (src/access/scope.ts): everything for an admin, else the
 * reps their e-mail leads to. Resolved once per request; every data route passes its query
 * through it, so the limit is in the query, not in the page.
 */
export function scopeOf(c: Context, store: Store): Promise<AccessScope> {
  let scope = scopes.get(c.req.raw)
  if (!scope) {
    const { user, via } = principalOf(c)
    scope = via === 'none' ? Promise.resolve({ kind: 'all' as const }) : resolveScope(store, user)
    scopes.set(c.req.raw, scope)
  }
  return scope
}

export function principalOf(c: Context): Principal {
  const p = principals.get(c.req.raw)
  if (!p) throw new HttpError(401, 'UNAUTHENTICATED', 'sign in first')
  return p
}

const localAdmin: User = { email: 'local', name: null, role: 'admin' }

/** Names a browser on this machine uses for it; anything else must be the public origin. */
const localHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/**
 * DNS rebinding: a page on evil.example resolving to 127.0.0.1 reaches the server with
 * `Host: evil.example`. Only localhost names and the configured public origin are answered.
 */
export function hostGuard(options: AccessOptions): MiddlewareHandler {
  const publicHost = options.publicOrigin ? new URL(options.publicOrigin).host.toLowerCase() : null
  return async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase()
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
    if (!localHosts.has(name ?? '') && host !== publicHost) {
      throw new HttpError(
        421,
        'HOST_NOT_ALLOWED',
        `this server answers to localhost${publicHost ? ` and ${publicHost}` : ''}, not ${host} (miernik serve --public-origin)`,
      )
    }
    await next()
  }
}

/**
 * Security headers on every answer: scripts only from the server itself (the build has no
 * inline script), no framing, no MIME sniffing, no referrer beyond the origin. Styles allow
 * inline attributes: the charts set them.
 */
export const securityHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'same-origin',
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
})

/** POSTs that only read (a metrics query is a body, not a change) and sign-in itself. */
const readingPosts = new Set(['/api/metrics', '/api/metrics/batch'])
const open = new Set(['/api/auth/login'])

const isWrite = (c: Context) =>
  c.req.method !== 'GET' && c.req.method !== 'HEAD' && !readingPosts.has(c.req.path)

/**
 * Every API request names its user (except signing in): a session cookie, or
 * `Authorization: Bearer mk_…`. Cookie-authenticated changes must come from this origin
 * (CSRF: the browser's Origin header), every change is a JSON body (see checkBodyType), and a read-only token cannot write.
 */
export function authenticate(store: Store, options: AccessOptions): MiddlewareHandler {
  const now = options.now ?? (() => new Date())
  return async (c, next) => {
    if (c.req.path !== '/api/cli') {
      // Who first: an anonymous request is a 401 whatever its body.
      if (options.auth === 'off') {
        principals.set(c.req.raw, { user: localAdmin, via: 'none', scope: 'write' })
      } else if (!open.has(c.req.path)) {
        principals.set(c.req.raw, await principal(c, store, options, now()))
      }
      checkBodyType(c)
    }
    return next()
  }
}

async function principal(
  c: Context,
  store: Store,
  options: AccessOptions,
  now: Date,
): Promise<Principal> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
  if (bearer) {
    const found = bearer.startsWith(TOKEN_PREFIX) ? await tokenUser(store, bearer, now) : null
    if (!found) throw new HttpError(401, 'UNAUTHENTICATED', 'the API token is not valid')
    if (isWrite(c) && found.scope !== 'write') {
      throw new HttpError(403, 'FORBIDDEN', 'this API token may only read')
    }
    return { user: found.user, via: 'token', scope: found.scope }
  }
  const cookie = getCookie(c, SESSION_COOKIE)
  const user = cookie ? await sessionUser(store, cookie, now) : null
  if (!user) throw new HttpError(401, 'UNAUTHENTICATED', 'sign in first')
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') checkOrigin(c, options)
  return { user, via: 'session', scope: 'write' }
}

/**
 * A change's body is JSON; a file upload is raw bytes as application/octet-stream. Neither
 * can a form on another site send without the browser asking this server first (CORS).
 */
function checkBodyType(c: Context): void {
  const length = c.req.header('content-length')
  const hasBody = length !== undefined ? Number(length) > 0 : c.req.raw.body !== null
  if (!hasBody || c.req.method === 'GET' || c.req.method === 'HEAD') return
  const type = c.req.header('content-type') ?? ''
  if (isUpload(c.req.method, c.req.path)) {
    if (!/^application\/octet-stream\b/i.test(type))
      throw new HttpError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'send the file as application/octet-stream',
      )
  } else if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json')
  }
}

/** A cookie-carrying change must say it comes from a page of this server. */
function checkOrigin(c: Context, options: AccessOptions): void {
  const origin = c.req.header('origin')
  const host = c.req.header('host') ?? new URL(c.req.url).host
  const allowed = new Set([`http://${host}`, `https://${host}`])
  if (options.publicOrigin) allowed.add(new URL(options.publicOrigin).origin)
  if (!origin || !allowed.has(origin)) {
    throw new HttpError(403, 'CSRF', 'a change must come from a page of this server (Origin)')
  }
}

/** Routes only some roles may use (settings and targets: admins and managers). */
export function requireRole(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    const { user } = principalOf(c)
    if (!roles.includes(user.role)) {
      throw new HttpError(403, 'FORBIDDEN', `only ${roles.join(' or ')} users may do this`)
    }
    await next()
  }
}

import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { generateDemoAnywhere } from '../../demo/demo-anywhere.js'
import { holdsData } from '../../store/copy-database.js'
import { MiernikError } from '../../errors.js'
import { isIsoDate } from '../../metrics/periods.js'
import { countUsers } from '../../auth/users.js'
import type { AccessOptions } from '../../server/access.js'
import { createApp } from '../../server/app.js'
import { startScheduler } from '../../server/scheduler.js'
import { WorkQueue } from '../../server/work-queue.js'
import { removeServerFile, writeServerFile } from '../../server/server-file.js'
import { defaultDbPath, engineOf, openStore } from '../../store/open-store.js'
import type { Io } from '../io.js'

export interface ServeOptions {
  db?: string
  port: string
  host: string
  asOf?: string
  /** Fill a new or empty DuckDB file with demo data. */
  demo?: boolean
  /** commander's --no-auth: false when given. */
  auth?: boolean
  /** The address people open (https://miernik.example.com): the one name besides localhost. */
  publicOrigin?: string
  /** The largest file one may upload for import, in megabytes. */
  maxUploadMb?: string
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1'])

/**
 * Who may use the server: sign-in always, unless --no-auth on this machine's loopback only;
 * listening beyond it needs the public origin people will type (the Host header is checked).
 */
function accessOf(options: ServeOptions, io: Io): AccessOptions {
  let publicOrigin: string | undefined
  if (options.publicOrigin !== undefined) {
    let url: URL
    try {
      url = new URL(options.publicOrigin)
    } catch {
      throw new MiernikError(
        'USAGE',
        `--public-origin must be a URL like https://miernik.example.com, not '${options.publicOrigin}'`,
      )
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/') {
      throw new MiernikError(
        'USAGE',
        `--public-origin is a scheme and host only, like https://miernik.example.com`,
      )
    }
    publicOrigin = url.origin
  }
  const local = loopback.has(options.host)
  if (options.auth === false) {
    if (!local) {
      throw new MiernikError(
        'USAGE',
        `--no-auth serves everything to anyone who can connect: it is allowed on 127.0.0.1 only, not --host ${options.host}`,
      )
    }
    io.err(
      'WARNING: --no-auth: no sign-in. Anyone and anything on this machine can read every deal and change settings. For a team, leave --no-auth out and add users (miernik user add).',
    )
    return { auth: 'off', publicOrigin }
  }
  if (!local && !publicOrigin) {
    throw new MiernikError(
      'USAGE',
      `--host ${options.host} makes the server reachable from other machines: give the address people will open with --public-origin (e.g. https://miernik.example.com behind a TLS proxy)`,
    )
  }
  return { auth: 'required', publicOrigin }
}

/** The built dashboard: dist/web beside the compiled CLI, or the repo's dist/web when run from src. */
function webDir(): string | undefined {
  const candidates = ['../../web/', '../../../dist/web/'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  )
  return candidates.find((dir) => existsSync(`${dir}index.html`))
}

/**
 * A DuckDB file that does not exist is created only when asked: with --demo, or by a yes on
 * the terminal (a mistyped path must not quietly become a new, empty database).
 */
async function mayCreate(path: string, options: ServeOptions, io: Io): Promise<void> {
  if (engineOf(path) !== 'duckdb' || path === ':memory:' || existsSync(path) || options.demo) return
  const hint = `pass --demo to create it with demo data, or import your data first (miernik import opportunities FILE --db ${path})`
  if (!io.ask)
    throw new MiernikError('STORE_UNAVAILABLE', `database ${path} does not exist: ${hint}`)
  const answer = await io.ask(`${path} does not exist. Create an empty database there? [y/N] `)
  if (!/^y(es)?$/i.test(answer.trim()))
    throw new MiernikError('STORE_UNAVAILABLE', `nothing created: ${hint}`)
}

/** The address the CLI on this machine reaches the server at (a wildcard is not one). */
function localUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '') return `http://127.0.0.1:${port}`
  if (host === '::') return `http://[::1]:${port}`
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/**
 * Connections of serve's PostgreSQL pool: two computations at once (the compute gate), an
 * import, the scheduler, sign-ins and small reads beside them.
 */
const serveConnections = 8

/** Serves the HTTP API and the dashboard until stopped. */
export async function serveCommand(options: ServeOptions, io: Io): Promise<number> {
  const port = Number(options.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new MiernikError('USAGE', `--port must be a port number, not '${options.port}'`)
  }
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    throw new MiernikError('USAGE', `--as-of must be a date YYYY-MM-DD, not '${options.asOf}'`)
  }
  const maxUpload = Number(options.maxUploadMb ?? '200')
  if (!Number.isFinite(maxUpload) || maxUpload <= 0 || maxUpload > 100_000) {
    throw new MiernikError(
      'USAGE',
      `--max-upload-mb must be a number of megabytes, not '${options.maxUploadMb}'`,
    )
  }
  const access = accessOf(options, io)
  const today = () => options.asOf ?? io.today()
  const where = options.db || process.env.MIERNIK_DB || defaultDbPath
  await mayCreate(where, options, io)
  // Concurrent requests each take a PostgreSQL connection of the pool (DuckDB: one).
  const store = await openStore(where, { create: true, connections: serveConnections })
  // Demo data only when asked and only in an empty database: a team's data is never replaced.
  if (options.demo && !(await holdsData(store))) {
    io.out(`${store.location} has no opportunities: generating demo data as of ${today()}...`)
    await generateDemoAnywhere(store, { seed: 42, scale: 1, asOf: today() })
  }
  const dir = webDir()
  // A CLI command on this DuckDB file comes here (see cli/forward.ts), with this secret.
  const sharesFile = store.dialect.name === 'duckdb' && where !== ':memory:'
  const cliSecret = randomBytes(32).toString('hex')
  // Imports, forwarded commands and scheduled deliveries take turns, each on one session.
  const writes = new WorkQueue((work) => store.session(work))
  const app = createApp({
    store,
    today,
    writes,
    log: (m) => io.err(m),
    ...(dir ? { webDir: dir } : {}),
    ...(sharesFile ? { cliSecret } : {}),
    access,
    maxUploadBytes: Math.round(maxUpload * 1024 * 1024),
  })
  if (access.auth === 'required' && (await countUsers(store)) === 0) {
    io.out(
      `No users yet: nobody can sign in. Create the first admin (it works while this runs): miernik user add EMAIL --admin${options.db ? ` --db ${options.db}` : ''}`,
    )
  }
  // Due schedules are delivered from here every minute; the clock is read here, at the edge.
  const scheduler = startScheduler({
    store,
    queue: writes,
    now: () => new Date(),
    log: (m) => io.err(m),
    smtpPassword: process.env.MIERNIK_SMTP_PASSWORD,
  })
  try {
    await new Promise<void>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port, hostname: options.host }, (info) => {
        const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${info.port}/`
        if (sharesFile)
          writeServerFile(where, {
            pid: process.pid,
            url: localUrl(options.host, info.port),
            secret: cliSecret,
          })
        io.out(
          `Miernik is serving ${store.location}: open ${access.publicOrigin ?? url} in a browser`,
        )
        if (!dir) io.out('(the dashboard is not built: run npm run build; the API works)')
        if (sharesFile)
          io.out('miernik commands on this database are run by this server meanwhile.')
        io.out('Press Ctrl+C to stop.')
      })
      server.on('error', (e) =>
        reject(
          new MiernikError(
            'USAGE',
            `cannot listen on ${options.host}:${port}: ${(e as Error).message}`,
          ),
        ),
      )
      const stop = () => server.close(() => resolve())
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
  } finally {
    await scheduler.stop()
  }
  await store.close()
  if (sharesFile) removeServerFile(where)
  return 0
}

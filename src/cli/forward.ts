import { resolve } from 'node:path'
import type { CliLine } from '../server/routes/cli.js'
import { readServerFile, type ServerFile } from '../server/server-file.js'
import { defaultDbPath, engineOf } from '../store/location.js'
import { reviewFileName } from '../review/render/file-name.js'
import type { Io } from './io.js'

/** Commands that take --db; the others (inspect, serve, help) never go to a server. */
const withDb = new Set([
  'import',
  'metrics',
  'quality',
  'demo',
  'migrate',
  'config',
  'copy',
  'target',
  'forecast',
  'user',
  'audit',
  'review',
  'schedule',
])

function optionValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`))
  if (i < 0) return undefined
  const arg = argv[i] as string
  return arg.includes('=') ? arg.slice(name.length + 1) : argv[i + 1]
}

/** The DuckDB files a command line names: --db (or MIERNIK_DB, or the default), copy's --from and --to. */
function duckdbFiles(argv: readonly string[]): string[] {
  const named =
    argv[0] === 'copy'
      ? [optionValue(argv, '--from'), optionValue(argv, '--to')]
      : [optionValue(argv, '--db') ?? process.env.MIERNIK_DB ?? defaultDbPath]
  return named.filter((d): d is string => !!d && d !== ':memory:' && engineOf(d) === 'duckdb')
}

/**
 * The command line as the server must read it: it runs in another folder, so the files a
 * command names (import's file, --mapping) and the database are made absolute, the
 * database is named outright, and the width of this terminal is passed on (--width).
 */
function forServer(given: readonly string[], db: string, width: number | undefined): string[] {
  const argv = given.flatMap((a) => {
    const m = /^(--(?:db|from|to|mapping|out))=(.*)$/s.exec(a)
    return m ? [m[1] as string, m[2] as string] : [a]
  })
  const out = argv.map((a, i) =>
    (argv[0] === 'import' && i === 2) ||
    argv[i - 1] === '--mapping' ||
    (argv[i - 1] === '--out' && a !== '-')
      ? resolve(a)
      : a,
  )
  // A review written to its default file: here, not in the server's folder.
  const format = optionValue(argv, '--format')
  if (
    argv[0] === 'review' &&
    optionValue(argv, '--out') === undefined &&
    (format === 'pdf' || format === 'html')
  )
    out.push(
      '--out',
      resolve(
        reviewFileName(
          optionValue(argv, '--period') ?? 'last-quarter',
          format,
          optionValue(argv, '--lang') === 'pl' ? 'pl' : 'en',
        ),
      ),
    )
  for (const name of ['--db', '--from', '--to']) {
    const i = out.indexOf(name)
    const value = out[i + 1]
    if (i >= 0 && value && engineOf(value) === 'duckdb' && value !== ':memory:')
      out[i + 1] = resolve(value)
  }
  if (argv[0] !== 'copy' && optionValue(argv, '--db') === undefined) out.push('--db', resolve(db))
  // The server's output is printed on this terminal: its tables must fit this one's width.
  if (width !== undefined && optionValue(argv, '--width') === undefined)
    out.push('--width', String(width))
  return out
}

/**
 * When a running `miernik serve` holds the DuckDB file a command names (DuckDB lets one
 * process open a file), the command is sent to it — POST /api/cli with the local secret
 * from the server file beside the database — and its output printed here as it comes, as if
 * it had run here. Returns the exit code, or null to run the command here.
 */
export async function forwardIfServed(argv: readonly string[], io: Io): Promise<number | null> {
  if (!withDb.has(argv[0] as string) || argv.includes('--help') || argv.includes('-h')) return null
  let held: { db: string; server: ServerFile } | undefined
  for (const db of duckdbFiles(argv)) {
    const server = readServerFile(db)
    if (server) held = { db, server }
  }
  if (!held) return null
  const { db, server } = held
  // The server would read its own standard input, not this terminal's.
  if (argv.includes('--password-stdin')) {
    io.err(
      `miernik: --password-stdin cannot reach the Miernik server holding ${db}: leave it out (a password is generated and shown once) or stop the server first`,
    )
    return 2
  }
  const body = JSON.stringify({ argv: forServer(argv, db, io.width), today: io.today() })
  // Loaded here, not at start-up: most commands are not forwarded, and help never is.
  const [{ request }, { createInterface }] = await Promise.all([
    import('node:http'),
    import('node:readline'),
  ])
  return new Promise((done) => {
    const req = request(
      `${server.url}/api/cli`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-miernik-secret': server.secret,
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume()
          io.err(
            `miernik: the Miernik server holding ${db} (PID ${server.pid}) refused the command (HTTP ${res.statusCode})`,
          )
          return done(2)
        }
        let code = 70
        const lines = createInterface({ input: res })
        lines.on('line', (text) => {
          const line = JSON.parse(text) as CliLine
          if ('out' in line) io.out(line.out)
          else if ('err' in line) io.err(line.err)
          else code = line.code
        })
        lines.on('close', () => done(code))
      },
    )
    req.on('error', (e) => {
      io.err(
        `miernik: ${db} is held by a Miernik server (PID ${server.pid}) that does not answer at ${server.url}: ${e.message}; stop it (Ctrl+C where it runs) and try again`,
      )
      done(2)
    })
    req.end(body)
  })
}

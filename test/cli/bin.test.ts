import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli-run.js'

// The bin as installed: dist/cli/main.js and the chunks it loads from dist/cli/chunks/, the
// whole CLI bundled by esbuild (scripts/build-cli.ts). The other CLI tests run the sources in
// process; these check that the bundle says and does the same: the packages it bundles (zod,
// cli-table3, csv-stringify, iconv-lite, echarts, hono), the files it finds from its chunks
// (the metric catalogue, the dashboard) and its one copy of the errors (exit codes).
const repoDir = fileURLToPath(new URL('../../', import.meta.url))
const bin = join(repoDir, 'dist', 'cli', 'main.js')
const fixtures = join(repoDir, 'test', 'fixtures')
const exec = promisify(execFile)

/** The newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * Builds the bin when it is missing or older than what makes it (the bundle is made from
 * src/; it loads nothing tsc writes).
 */
function ensureBinBuilt(): void {
  const sources = Math.max(
    newestMtime(join(repoDir, 'src')),
    statSync(join(repoDir, 'scripts/build-cli.ts')).mtimeMs,
    statSync(join(repoDir, 'package.json')).mtimeMs,
  )
  if (existsSync(bin) && statSync(bin).mtimeMs >= sources) return
  execFileSync(
    process.execPath,
    [join(repoDir, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-cli.ts'],
    {
      cwd: repoDir,
      stdio: 'pipe',
    },
  )
}

/** `miernik ARGV` as a user runs it: a process of its own, output to a pipe (no width). */
async function miernik(...argv: string[]) {
  const env = { ...process.env }
  delete env.COLUMNS
  delete env.MIERNIK_DB
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...argv], {
      encoding: 'utf8',
      env,
    })
    return { code: 0, out: stdout, err: stderr }
  } catch (e) {
    const r = e as { code: number; stdout: string; stderr: string }
    return { code: r.code, out: r.stdout, err: r.stderr }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'miernik-bin-'))

beforeAll(() => ensureBinBuilt(), 180_000)

describe('the built bin', () => {
  it.each([['--help'], ['metrics', '--help'], ['config', '--help'], ['user', 'add', '--help']])(
    'prints the help of the sources: %s',
    async (...argv) => {
      const built = await miernik(...argv)
      expect(built.code).toBe(0)
      expect(built.out).toBe((await runCli(argv)).out)
    },
  )

  it('stops quietly when its reader stops reading (miernik import --help | head -1)', async () => {
    const child = spawn(process.execPath, [bin, 'import', '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    // The reader is gone before the first line is written: every write meets a closed pipe.
    child.stdout.destroy()
    let err = ''
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const code = await new Promise<number | null>((done) => child.on('close', done))
    expect(err).toBe('')
    expect(code).toBe(0)
  })

  it('reports a user error of a command it loads as one line, exit 2', async () => {
    const missing = join(dir, 'missing.duckdb')
    const r = await miernik('config', 'list', '--db', missing)
    expect(r.code).toBe(2)
    expect(r.err).toBe(
      `miernik: database ${missing} does not exist: run 'miernik demo' or 'miernik import' first, or pass --db\n`,
    )
  })

  it('runs commands on a database as the sources do', async () => {
    const db = join(dir, 'demo.duckdb')
    expect((await miernik('demo', '--db', db, '--as-of', '2026-06-30')).code).toBe(0)
    const argv = ['metrics', '--db', db, '--period', '2026-Q2', '--as-of', '2026-06-30']
    const built = await miernik(...argv, '--format', 'json')
    expect(built.code).toBe(0)
    expect(built.out).toBe((await runCli([...argv, '--format', 'json'])).out)
    // The table (cli-table3), the catalogue and CSV (csv-stringify).
    for (const more of [['--by', 'team'], ['--list'], ['--format', 'csv']]) {
      const table = await miernik(...argv, ...more)
      expect(table.code).toBe(0)
      expect(table.out).toBe((await runCli([...argv, ...more])).out)
    }
    // The review pack: Markdown, and HTML with its charts drawn by ECharts (no network).
    for (const format of ['md', 'html']) {
      const review = ['review', ...argv.slice(1), '--format', format, '--out', '-']
      const pack = await miernik(...review)
      expect(pack.err).toBe('')
      expect(pack.code).toBe(0)
      expect(pack.out).toBe((await runCli(review)).out)
    }
  })

  it('imports files as the sources do: native, a CRM export in Windows-1250, rejected rows', async () => {
    const cases = [
      ['opportunities', join(fixtures, 'import/opportunities.csv')],
      [
        'opportunities',
        join(fixtures, 'crm/pipedrive/deals-2026-05-01-pl-cp1250.csv'),
        '--preset',
        'pipedrive',
      ],
      ['opportunities', join(fixtures, 'import/bad-opportunities.csv')],
    ]
    for (const [i, args] of cases.entries()) {
      const built = await miernik('import', ...args, '--db', join(dir, `import-${i}-bin.duckdb`))
      const source = await runCli(['import', ...args, '--db', join(dir, `import-${i}-src.duckdb`)])
      expect([built.code, built.out, built.err]).toEqual([source.code, source.out, source.err])
    }
    // All or nothing: the rejected file is exit code 1 and one line per bad row.
    const rejected = await miernik('import', ...cases[2]!, '--db', join(dir, 'rejected.duckdb'))
    expect(rejected.code).toBe(1)
    expect(rejected.err).toMatch(/: 12 of 14 rows are invalid; nothing was imported\n$/)
  })

  it("reports a command's user errors as one line, exit 2", async () => {
    const db = join(dir, 'errors.duckdb')
    const csv = join(fixtures, 'import/opportunities.csv')
    expect((await miernik('import', 'opportunities', csv, '--db', db)).code).toBe(0)
    const unknown = await miernik('metrics', '--db', db, '--metric', 'nope', '--period', '2026-Q2')
    expect([unknown.code, unknown.out, unknown.err]).toEqual([
      2,
      '',
      "miernik: unknown metric 'nope'; run 'miernik metrics --list' for the catalogue\n",
    ])
    const period = await miernik('review', '--db', db, '--period', '2026-Q9')
    expect(period.code).toBe(2)
    expect(period.err).toMatch(/^miernik: cannot read period '2026-Q9': [^\n]*\n$/)
    const notDuckdb = join(dir, 'not-duckdb.duckdb')
    writeFileSync(notDuckdb, 'not a database\n')
    const opened = await miernik('metrics', '--db', notDuckdb, '--period', '2026-Q2')
    expect(opened.code).toBe(2)
    expect(opened.err).toBe(
      `miernik: ${notDuckdb} is not a DuckDB database: point --db at a database file (miernik.duckdb by default)\n`,
    )
  })
})

describe('the built bin beside its own server', () => {
  const db = join(dir, 'served.duckdb')
  let server: ChildProcess
  let output = ''
  let url = ''

  beforeAll(async () => {
    server = spawn(
      process.execPath,
      [bin, 'serve', '--db', db, '--demo', '--no-auth', '--port', '0', '--as-of', '2026-06-30'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    server.stdout?.on('data', (d) => (output += String(d)))
    server.stderr?.on('data', (d) => (output += String(d)))
    for (let i = 0; i < 1200 && !/in a browser/.test(output) && server.exitCode === null; i++)
      await new Promise((r) => setTimeout(r, 100))
    const found = /open (http:\/\/\S+?)\/? in a browser/.exec(output)
    if (!found) throw new Error(`miernik serve did not start; it said: ${output}`)
    url = found[1]!
  }, 150_000)

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGINT')
      await new Promise((r) => server.once('exit', r))
    }
  })

  it('serves the API, and the dashboard found from its chunk', async () => {
    const catalog = await fetch(`${url}/api/catalog`)
    expect(catalog.status).toBe(200)
    const index = join(repoDir, 'dist', 'web', 'index.html')
    // dist/web is Vite's (npm run build); the bin finds it at ../../web/ from dist/cli/chunks/.
    if (existsSync(index)) {
      const page = await fetch(`${url}/funnel`)
      expect(page.status).toBe(200)
      expect(await page.text()).toBe(readFileSync(index, 'utf8'))
    }
  })

  it('runs commands on the served file through /api/cli, with the same exit codes', async () => {
    const argv = [
      '--db',
      db,
      '--period',
      '2026-Q2',
      '--as-of',
      '2026-06-30',
      '--metric',
      'win_rate',
    ]
    const ok = await miernik('metrics', ...argv, '--format', 'json')
    expect(ok.err).toBe('')
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.out).rows[0].metric).toBe('win_rate')
    // A MiernikError thrown in the server's run of the command: exit 2, not 70 (one class).
    const unknown = await miernik('metrics', ...argv.slice(0, -1), 'nope')
    expect([unknown.code, unknown.err]).toEqual([
      2,
      "miernik: unknown metric 'nope'; run 'miernik metrics --list' for the catalogue\n",
    ])
  })
})

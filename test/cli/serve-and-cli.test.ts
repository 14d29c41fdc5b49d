import { spawn, type ChildProcess } from 'node:child_process'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverFilePath } from '../../src/server/server-file.js'

// `miernik serve` holds a DuckDB file (one process may open it): the CLI's commands on the
// same file go to the server and print the same output; any other holder is named.
const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'miernik-serve-cli-'))
const db = join(dir, 'shared.duckdb')
const asOf = '2026-06-30'
/** tsx's loader by path: the commands run from other folders. */
const tsx = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href

/** `miernik ARGV` in a child process from the sources, from `cwd`, as a user would run it. */
async function miernik(argv: string[], cwd = process.cwd(), env: Record<string, string> = {}) {
  const args = ['--import', tsx, join(process.cwd(), 'src/cli/main.ts'), ...argv]
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    })
    return { code: 0, out: stdout, err: stderr }
  } catch (e) {
    const r = e as { code: number; stdout: string; stderr: string }
    return { code: r.code, out: r.stdout, err: r.stderr }
  }
}

let server: ChildProcess
let url = ''
let serverOutput = ''

async function waitFor(child: ChildProcess, check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !check() && child.exitCode === null; i++)
    await new Promise((r) => setTimeout(r, 100))
  if (!check()) throw new Error(`timed out waiting for ${what}; it said: ${serverOutput}`)
}

beforeAll(async () => {
  server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'serve',
      '--db',
      db,
      '--demo',
      // Sign-in has tests of its own (test/server/auth*.test.ts); here the CLI beside a server.
      '--no-auth',
      '--port',
      '0',
      '--as-of',
      asOf,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  server.stdout?.on('data', (d) => (serverOutput += String(d)))
  server.stderr?.on('data', (d) => (serverOutput += String(d)))
  await waitFor(server, () => /open (http:\/\/\S+) in a browser/.test(serverOutput), 'the server')
  url = (/open (http:\/\/\S+?)\/? in a browser/.exec(serverOutput) as RegExpExecArray)[1] as string
}, 120_000)

afterAll(async () => {
  if (server.exitCode === null) {
    server.kill('SIGINT')
    await new Promise((r) => server.once('exit', r))
  }
})

describe('the CLI while miernik serve holds the file', () => {
  it('leaves a server file readable by its owner only', () => {
    const file = serverFilePath(db)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const info = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; url: string }
    expect(info.pid).toBe(server.pid)
    expect(`${info.url}`).toBe(url)
  })

  it('metrics runs through the server, with a relative --db from another folder', async () => {
    const r = await miernik(
      [
        'metrics',
        '--db',
        'shared.duckdb',
        '--period',
        '2026-Q2',
        '--metric',
        'total_revenue',
        '--format',
        'json',
        '--as-of',
        asOf,
      ],
      dir,
    )
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const { rows } = JSON.parse(r.out) as { rows: { metric: string; value: number }[] }
    expect(rows[0]?.metric).toBe('total_revenue')
    // The same figure the server's API gives.
    const res = await fetch(`${url}/api/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        metrics: ['total_revenue'],
        from: '2026-04-01',
        to: '2026-06-30',
        asOf,
      }),
    })
    const api = (await res.json()) as { rows: { value: number }[] }
    expect(rows[0]?.value).toBeGreaterThan(0)
    expect(rows[0]?.value).toBe(api.rows[0]?.value)
  })

  it("a table from the server fits this terminal's width", async () => {
    const argv = ['metrics', '--db', db, '--period', '2026-Q2', '--explain', '--as-of', asOf]
    const r = await miernik(argv, process.cwd(), { COLUMNS: '70' })
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out.split('\n').filter((l) => [...l].length > 70)).toEqual([])
    expect(r.out).toContain('\nFormulas:\n')
    // Piped with no width: whole lines, the formulas beside their rows.
    const piped = await miernik(argv, process.cwd(), { COLUMNS: '' })
    expect(piped.out).not.toContain('Formulas:')
    expect(piped.out).toMatch(/│ Win rate +│[^\n]*│ Win rate \d+\.\d% = \d+ won \/ \d+ closed +│/)
  })

  it('an import lands and the dashboard sees the new data version', async () => {
    const before = (await (await fetch(`${url}/api/status`)).json()) as { data_version: string }
    const file = join(dir, 'won.csv')
    writeFileSync(
      file,
      'id,owner_id,status,amount,currency,created_on,closed_on\nnew-1,,won,12345,EUR,2026-06-01,2026-06-15\n',
    )
    const r = await miernik(['import', 'opportunities', 'won.csv', '--db', db], dir)
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/1 (row|record)/)
    const after = (await (await fetch(`${url}/api/status`)).json()) as { data_version: string }
    expect(after.data_version).not.toBe(before.data_version)
  })

  it('a target set through the server shows at once in the API (its cached answer goes)', async () => {
    const winRate = async () => {
      const res = await fetch(`${url}/api/metrics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ metrics: ['win_rate'], from: '2026-04-01', to: '2026-06-30', asOf }),
      })
      return ((await res.json()) as { rows: { target?: number }[] }).rows[0]?.target
    }
    expect(await winRate()).toBe(0.25) // the demo's
    const r = await miernik(
      [
        'target',
        'set',
        'win_rate',
        '--period',
        '2026-Q2',
        '--value',
        '30%',
        '--db',
        'shared.duckdb',
      ],
      dir,
    )
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toBe(
      'Changed the target of Win rate (win_rate) for 2026-04-01 – 2026-06-30, company from 25.0% to 30.0%\n',
    )
    expect(await winRate()).toBe(0.3)
    const list = await miernik([
      'target',
      'list',
      '--metric',
      'win_rate',
      '--period',
      '2026-Q2',
      '--db',
      db,
    ])
    expect(list.code).toBe(0)
    expect(list.out).toMatch(/│ win_rate │ 2026-04-01 – 2026-06-30 │ company │ +30\.0% │/)
  })

  it('a forecast snapshot goes to the server too, and moves the data version', async () => {
    const before = (await (await fetch(`${url}/api/status`)).json()) as { data_version: string }
    const argv = ['forecast', 'snapshot', '--made-on', asOf, '--db', db, '--format', 'json']
    const r = await miernik(argv)
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const snapshot = JSON.parse(r.out) as { period_start: string; rows: { scope: string }[] }
    // The quarter after the day it is made; the demo's company, teams and reps.
    expect(snapshot.period_start).toBe('2026-07-01')
    expect(snapshot.rows[0]?.scope).toBe('company')
    expect(snapshot.rows.some((x) => x.scope.startsWith('team:'))).toBe(true)
    const after = (await (await fetch(`${url}/api/status`)).json()) as { data_version: string }
    expect(after.data_version).not.toBe(before.data_version)
  })

  it('errors come back as the CLI would say them, with its exit code', async () => {
    const missing = await miernik(['import', 'opportunities', 'nowhere.csv', '--db', db], dir)
    expect(missing.code).toBe(2)
    expect(missing.err).toBe(`miernik: ${join(dir, 'nowhere.csv')}: no such file\n`)
    const bad = await miernik(['metrics', '--db', db, '--period', '2026-Q5'])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/^miernik: .*2026-Q5/)
  })

  it('refuses a caller without the secret', async () => {
    const res = await fetch(`${url}/api/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-miernik-secret': 'guess' },
      body: JSON.stringify({ argv: ['config', 'list'], today: asOf }),
    })
    expect(res.status).toBe(403)
  })

  it('removes the server file when the server stops, and the file opens again directly', async () => {
    server.kill('SIGINT')
    await new Promise((r) => server.once('exit', r))
    expect(existsSync(serverFilePath(db))).toBe(false)
    const r = await miernik(['config', 'get', 'base_currency', '--db', db])
    expect(r.code).toBe(0)
  })
})

describe('a DuckDB file held by another program', () => {
  it('is one line naming the process', async () => {
    const held = join(dir, 'held.duckdb')
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `import('@duckdb/node-api').then(async ({ DuckDBInstance }) => {
          const i = await DuckDBInstance.create(${JSON.stringify(held)}); await i.connect();
          console.log('held'); setInterval(() => {}, 1000) })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let said = ''
    holder.stdout?.on('data', (d) => (said += String(d)))
    try {
      await waitFor(holder, () => said.includes('held'), 'the holder')
      const r = await miernik(['metrics', '--db', held, '--period', '2026-Q2'])
      expect(r.code).toBe(2)
      expect(r.err.trim().split('\n')).toHaveLength(1)
      expect(r.err).toContain(`database ${held} is in use by another program (`)
      expect(r.err).toContain(`PID ${holder.pid})`)
    } finally {
      holder.kill()
    }
  })
})

describe('a file at --db that is not a DuckDB database', () => {
  // DuckDB opens a CSV too, as a view in a database held in memory: metrics read nothing and
  // an import reported rows imported that no file kept.
  it('is refused in one line, and the file is left as it was', async () => {
    const csv = join(dir, 'deals.csv')
    const text = 'id,status,amount,created_on\nd1,open,10,2026-01-01\n'
    writeFileSync(csv, text)
    for (const argv of [
      ['import', 'opportunities', csv, '--db', csv],
      ['metrics', '--db', csv, '--period', '2026-Q1'],
    ]) {
      const r = await miernik(argv)
      expect(r.code).toBe(2)
      expect(r.err).toBe(
        `miernik: ${csv} is not a DuckDB database: point --db at a database file (miernik.duckdb by default); to load its records, run 'miernik import <entity> ${csv} --db <database>'\n`,
      )
      expect(readFileSync(csv, 'utf8')).toBe(text)
    }
  })

  it('an empty file is refused alike, without the hint for data files', async () => {
    const empty = join(dir, 'empty.duckdb')
    writeFileSync(empty, '')
    const r = await miernik(['config', 'get', 'base_currency', '--db', empty])
    expect(r.code).toBe(2)
    expect(r.err).toBe(
      `miernik: ${empty} is not a DuckDB database: point --db at a database file (miernik.duckdb by default)\n`,
    )
    expect(readFileSync(empty, 'utf8')).toBe('')
  })
})

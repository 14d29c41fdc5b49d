import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli-run.js'

// The bin as installed: dist/cli/main.js, the start-up code bundled by esbuild
// (scripts/build-cli.ts) and the commands' modules as tsc wrote them. The other CLI tests
// run the sources in process; these check that the bundle says and does the same.
const repoDir = fileURLToPath(new URL('../../', import.meta.url))
const bin = join(repoDir, 'dist', 'cli', 'main.js')
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

/** Builds dist/ (tsc, then the bundle) when the bin is missing or older than what makes it. */
function ensureBinBuilt(): void {
  const sources = Math.max(
    newestMtime(join(repoDir, 'src')),
    statSync(join(repoDir, 'scripts/build-cli.ts')).mtimeMs,
    statSync(join(repoDir, 'package.json')).mtimeMs,
  )
  if (existsSync(bin) && statSync(bin).mtimeMs >= sources) return
  const run = (args: string[]) =>
    execFileSync(process.execPath, args, { cwd: repoDir, stdio: 'pipe' })
  run([join(repoDir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'])
  run([join(repoDir, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-cli.ts'])
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
  })
})

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { clearStaleTempDirs, makeTempDir, removeTempDir } from '../../src/temp-dirs.js'
import { openStore } from '../../src/store/open-store.js'
import { pgSchemaUrl, testEngine } from '../engine.js'

describe('temporary folders', () => {
  it('are removed when the process exits', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { makeTempDir } from './src/temp-dirs.ts'; console.log(makeTempDir())`,
      ],
      { encoding: 'utf8' },
    )
    const dir = run.stdout.trim()
    expect(dir).toContain('miernik-tmp-')
    expect(existsSync(dir)).toBe(false)
  })

  it("a killed run's folder is cleared, a live one's is kept", () => {
    // A pid that cannot be running: above the kernel's limit.
    const stale = join(tmpdir(), 'miernik-tmp-99999999-abc')
    mkdirSync(stale, { recursive: true })
    const old = (Date.now() - 3_600_000) / 1000
    utimesSync(stale, old, old)
    const live = makeTempDir()
    utimesSync(live, old, old)
    clearStaleTempDirs()
    expect(existsSync(stale)).toBe(false)
    expect(existsSync(live)).toBe(true)
    removeTempDir(live)
  })

  it("the next run's first temporary folder clears a killed run's; a run that makes none reads nothing", () => {
    // A temp folder of its own: other runs on the machine clear stale folders too.
    const tmp = mkdtempSync(join(tmpdir(), 'temp-dirs-test-'))
    const stale = join(tmp, 'miernik-tmp-99999998-abc')
    const old = (Date.now() - 3_600_000) / 1000
    mkdirSync(stale)
    utimesSync(stale, old, old)
    const run = (code: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: tmp },
      })
    run(`import './src/temp-dirs.ts'`)
    expect(existsSync(stale)).toBe(true)
    run(`import { makeTempDir } from './src/temp-dirs.ts'; makeTempDir()`)
    expect(existsSync(stale)).toBe(false)
  })
})

describe.runIf(testEngine === 'postgres')('PostgreSQL sessions', () => {
  it('set idle-in-transaction and statement timeouts', async () => {
    const store = await openStore(pgSchemaUrl(), { create: true })
    const [idle] = await store.query(
      `SELECT current_setting('idle_in_transaction_session_timeout') AS v`,
    )
    const [statement] = await store.query(`SELECT current_setting('statement_timeout') AS v`)
    expect(idle?.v).toBe('5min')
    expect(statement?.v).toBe('1h')
    await store.close()
  })
})

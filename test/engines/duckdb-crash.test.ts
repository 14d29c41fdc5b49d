import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DuckdbStore } from '../../src/store/duckdb/duckdb-store.js'
import { testEngine } from '../engine.js'

// Issue 11: a process killed while it commits must leave a DuckDB file as it was before or
// after the transaction, and one that opens. bench/crash/crash-repro.ts kills real runs;
// these tests pin the two mechanisms the store relies on.
const onDuckdb = describe.runIf(testEngine === 'duckdb')

/**
 * Runs an ES module (TypeScript allowed) in a fresh process: no instance cache, the file
 * opens, and its WAL is replayed, as the next command would do it.
 */
function node(script: string): string {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: process.cwd(),
    },
  )
  if (run.status !== 0 && run.signal !== 'SIGKILL')
    throw new Error(
      `exit ${run.status ?? run.signal}: ${run.stderr.toString()}${run.stdout.toString()}`,
    )
  return run.stdout.toString()
}

/** What table t holds, read by a fresh process. */
const contents = (file: string) =>
  JSON.parse(
    node(`import { DuckDBInstance } from '@duckdb/node-api'
    const c = await (await DuckDBInstance.create(${JSON.stringify(file)})).connect()
    const r = await c.runAndReadAll('SELECT count(*)::INT AS n, count(DISTINCT id)::INT AS ids, min(id) AS low FROM t')
    console.log(JSON.stringify(r.getRowObjectsJson()[0]))`),
  ) as unknown

onDuckdb('a DuckDB file after its process dies', () => {
  it('writes large inserts at commit, as a checkpoint, and leaves no WAL behind a commit', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'miernik-crash-')), 'settings.duckdb')
    const store = await DuckdbStore.open(file)
    try {
      const [row] = await store.query(
        `SELECT current_setting('enable_optimistic_write') AS optimistic, current_setting('checkpoint_threshold') AS threshold`,
      )
      expect(row).toEqual({ optimistic: false, threshold: '0 bytes' })
      await store.run('CREATE TABLE t (id INTEGER)')
      await store.transaction(() => store.run('INSERT INTO t SELECT range FROM range(300000)'))
      expect(existsSync(`${file}.wal`)).toBe(false)
    } finally {
      await store.close()
    }
  })

  it('settles a WAL a killed process left: committed work kept, the torn transaction dropped, never replayed again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'miernik-crash-')), 'killed.duckdb')
    // A process logs one transaction, starts logging a second and is killed: its WAL ends
    // inside the second one (here cut there after the fact).
    const [logged, all] = node(`import { DuckDBInstance } from '@duckdb/node-api'
      import { statSync } from 'node:fs'
      const f = ${JSON.stringify(file)}
      const c = await (await DuckDBInstance.create(f, { checkpoint_threshold: '1GB' })).connect()
      await c.run('CREATE TABLE t (id INTEGER)')
      await c.run('CHECKPOINT')
      await c.run('INSERT INTO t VALUES (1), (2)')
      const first = statSync(f + '.wal').size
      await c.run('BEGIN')
      await c.run('DELETE FROM t')
      await c.run('INSERT INTO t VALUES (3)')
      await c.run('COMMIT')
      console.log(first, statSync(f + '.wal').size)
      process.kill(process.pid, 'SIGKILL')`)
      .trim()
      .split(' ')
      .map(Number) as [number, number]
    expect(all).toBeGreaterThan(logged)
    truncateSync(`${file}.wal`, logged + Math.floor((all - logged) / 2))

    // The next command opens the file and writes: large enough for DuckDB to commit it as a
    // checkpoint without writing the WAL. Had the old WAL stayed, the open after that would
    // replay it over the new data.
    const next = node(`import { existsSync } from 'node:fs'
      import { DuckdbStore } from './src/store/duckdb/duckdb-store.js'
      const f = ${JSON.stringify(file)}
      const store = await DuckdbStore.open(f)
      const before = (await store.query('SELECT id FROM t ORDER BY id')).map((r) => r.id)
      const wal = existsSync(f + '.wal')
      await store.transaction(async () => {
        await store.run('DELETE FROM t')
        await store.run('INSERT INTO t SELECT range + 10 FROM range(300000)')
      })
      console.log(JSON.stringify({ before, wal }))`)
    expect(JSON.parse(next)).toEqual({ before: [1, 2], wal: false })
    // Opened twice more, each time by a fresh process: the new data, once.
    for (let i = 0; i < 2; i++) expect(contents(file)).toEqual({ n: 300000, ids: 300000, low: 10 })
  })
})

import { describe, expect, it } from 'vitest'
import { runCli } from '../cli-run.js'
import { importFile } from '../../src/ingest/import-file.js'
import { latestVersion, migrations } from '../../src/model/migrations/index.js'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, redact } from '../../src/store/open-store.js'
import { pgSchemaUrl, pgUrl, testEngine } from '../engine.js'
import { toCsv, writeFile } from '../helpers.js'

// What only a real server shows: concurrent sessions, locks, connection failures.
const onServer = describe.runIf(testEngine === 'postgres')

const cli = (...argv: string[]) => runCli(argv)

const deals = (from: number, to: number, amount: number) =>
  toCsv(
    Array.from({ length: to - from + 1 }, (_, i) => ({
      id: `o${from + i}`,
      status: 'won',
      amount,
      created_on: '2026-04-01',
      closed_on: '2026-05-01',
    })),
  )

onServer('PostgreSQL server: concurrent use', () => {
  it('two overlapping imports at once and readers meanwhile: no lost or duplicated rows, each import seen whole or not at all', async () => {
    const url = pgSchemaUrl()
    const setup = await openStore(url, { create: true })
    await setup.close()
    const a = writeFile('a.csv', deals(1, 20_000, 1))
    const b = writeFile('b.csv', deals(10_001, 30_000, 2))
    const sa = await openStore(url)
    const sb = await openStore(url)
    const reader = await openStore(url)
    try {
      const seen = new Set<string>()
      let importing = true
      const watch = (async () => {
        while (importing) {
          const [r] = await reader.query(
            `SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE amount = 1) AS ones FROM opportunities`,
          )
          seen.add(`${r?.n}/${r?.ones}`)
        }
      })()
      const [ra, rb] = await Promise.all([
        importFile(sa, 'opportunities', a),
        importFile(sb, 'opportunities', b),
      ])
      importing = false
      await watch
      // Whichever committed second updated the 10,000 shared deals.
      expect(ra.inserted + rb.inserted).toBe(30_000)
      expect(ra.updated + rb.updated).toBe(10_000)
      const [end] = await reader.query(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM opportunities`,
      )
      expect(end).toEqual({ n: 30_000, ids: 30_000 })
      // Nothing between: empty, A alone, B alone, or both (B last: 10,000 ones left; A last: 20,000).
      const allowed = new Set(['0/0', '20000/20000', '20000/0', '30000/10000', '30000/20000'])
      for (const state of seen) expect(allowed).toContain(state)
      const metrics = await cli(
        'metrics',
        '--db',
        url,
        '--metric',
        'total_revenue',
        '--period',
        '2026-Q2',
        '--as-of',
        '2026-06-30',
        '--format',
        'json',
      )
      const revenue = JSON.parse(metrics.out).rows[0].value
      expect([10_000 * 1 + 20_000 * 2, 20_000 * 1 + 10_000 * 2]).toContain(revenue)
    } finally {
      await Promise.all([sa.close(), sb.close(), reader.close()])
    }
  })

  it('two processes opening a new database at once migrate it once', async () => {
    const url = pgSchemaUrl()
    const stores = await Promise.all([1, 2, 3].map(() => openStore(url, { create: true })))
    try {
      const rows = await stores[0]!.query('SELECT version FROM schema_migrations ORDER BY version')
      expect(rows).toEqual(migrations.map((m) => ({ version: m.version })))
    } finally {
      await Promise.all(stores.map((s) => s.close()))
    }
  })
})

onServer('PostgreSQL server: clear failures', () => {
  const base = new URL(pgUrl)
  it.each([
    [
      'unreachable',
      `postgres://u:p@127.0.0.1:1/miernik`,
      /^miernik: cannot connect to PostgreSQL at 127\.0\.0\.1:1, database miernik: connection refused/,
    ],
    [
      'wrong password',
      `postgres://${base.username}:wrong@${base.host}${base.pathname}`,
      /password authentication failed for user/,
    ],
    [
      'missing database',
      `postgres://${base.username}:${base.password}@${base.host}/no_such_db`,
      /database no_such_db does not exist/,
    ],
  ])('%s: one line naming host, database and cause; exit 2', async (_, url, message) => {
    const r = await cli('metrics', '--db', url, '--period', '2026-Q2')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).not.toContain('    at ')
    expect(r.err).not.toContain(':wrong@')
    expect(r.err).not.toContain(`:${base.password}@`)
  })

  it('a schema newer than the program is refused; an older one needs miernik migrate', async () => {
    const url = pgSchemaUrl()
    const store = await openStore(url, { create: true })
    await store.run('INSERT INTO schema_migrations VALUES (99, $1, CAST(now() AS TIMESTAMP))', [
      'future',
    ])
    await store.close()
    const newer = await cli('metrics', '--db', url, '--period', '2026-Q2')
    expect(newer.code).toBe(2)
    expect(newer.err).toMatch(
      new RegExp(
        `schema version 99, newer than this miernik \\(it knows up to ${latestVersion}\\): install a miernik that knows version 99`,
      ),
    )

    const old = pgSchemaUrl()
    const s2 = await openStore(old, { create: true })
    await s2.run('DELETE FROM schema_migrations WHERE version = $1', [latestVersion])
    await s2.close()
    const refused = await cli('metrics', '--db', old, '--period', '2026-Q2')
    expect(refused.code).toBe(2)
    expect(refused.err).toContain(
      `schema version ${latestVersion - 1}; this miernik needs ${latestVersion}: run 'miernik migrate`,
    )
    const migrated = await cli('migrate', '--db', old)
    expect(migrated.code).toBe(0)
    expect(migrated.out).toContain(`schema version ${latestVersion}`)
    expect((await cli('metrics', '--db', old, '--period', '2026-Q2')).code).toBe(0)
  })
})

describe('connection settings on any engine', () => {
  it('a URL that cannot be read is one line, exit 2, without echoing it', async () => {
    const r = await cli('metrics', '--db', 'postgres://me:se#cret@db/sales', '--period', '2026-Q2')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^miernik: cannot read the PostgreSQL URL: .*percent-encode/)
    expect(r.err).not.toContain('se#cret')
  })

  it('passwords are hidden in locations, also in the query string', () => {
    expect(redact('postgres://me:s3cret@db:5432/sales?schema=x')).toBe(
      'postgres://me:***@db:5432/sales?schema=x',
    )
    expect(redact('postgres://me@db/sales?password=s3cret')).not.toContain('s3cret')
  })

  it('a PGlite directory keeps its data between opens', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'miernik-pglite-')), 'db')
    const a = await openStore(`pglite://${dir}`, { create: true })
    await a.run(`INSERT INTO reps (id, name) VALUES ('r1', 'Ann')`)
    await a.close()
    const b = await openStore(`pglite://${dir}`)
    try {
      expect(await b.query('SELECT id FROM reps')).toEqual([{ id: 'r1' }])
    } finally {
      await b.close()
    }
  })
})

describe('connection failures on any engine', () => {
  it('an unreachable server is one line and exit 2', async () => {
    const r = await cli(
      'metrics',
      '--db',
      'postgres://me:secret@127.0.0.1:1/sales',
      '--period',
      '2026-Q2',
    )
    expect(r.code).toBe(2)
    expect(r.err).toBe(
      'miernik: cannot connect to PostgreSQL at 127.0.0.1:1, database sales: connection refused (is the server running and listening there?)\n',
    )
  })
})

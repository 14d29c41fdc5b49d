import { afterAll, describe, expect, it } from 'vitest'
import { importFile } from '../../src/ingest/import-file.js'
import { compute } from '../../src/metrics/compute.js'
import { dimensionValues } from '../../src/metrics/dimension-values.js'
import { WorkQueue } from '../../src/server/work-queue.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { pgSchemaUrl, pgUrl, testEngine } from '../engine.js'
import { toCsv, writeFile } from '../helpers.js'

// What only a real server shows: a pool of sessions, snapshots against concurrent commits,
// and a database whose default collation is not C.
const onServer = describe.runIf(testEngine === 'postgres')

const deals = (from: number, to: number, amount: number) =>
  writeFile(
    `deals-${from}-${to}-${amount}.csv`,
    toCsv(
      Array.from({ length: to - from + 1 }, (_, i) => ({
        id: `o${from + i}`,
        status: 'won',
        amount,
        created_on: '2026-04-01',
        closed_on: '2026-05-01',
      })),
    ),
  )

const count = async (store: Store) =>
  Number((await store.query('SELECT COUNT(*) AS n FROM opportunities'))[0]?.n)

const revenue = async (store: Store) =>
  (
    await compute(store, {
      metrics: ['total_revenue'],
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: '2026-06-30',
    })
  )[0]?.value

onServer('PostgreSQL server: the pool of serve', () => {
  const opened: Store[] = []
  const pooled = async () => {
    const store = await openStore(pgSchemaUrl(), { create: true, connections: 4 })
    opened.push(store)
    return store
  }
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()))
  })

  it('concurrent reads run at once, each on a connection of its own', async () => {
    const store = await pooled()
    const rows = await Promise.all(
      [1, 2, 3].map(() =>
        store.query(
          `SELECT pg_backend_pid() AS pid, CAST(clock_timestamp() AS TEXT) AS began,
                  pg_sleep(0.4) AS slept, CAST(clock_timestamp() AS TEXT) AS ended`,
        ),
      ),
    )
    const runs = rows.map((r) => r[0] as { pid: number; began: string; ended: string })
    expect(new Set(runs.map((r) => r.pid)).size).toBe(3)
    // They overlapped: each began before any ended (queued on one connection, none would).
    const firstEnd = runs.map((r) => r.ended).sort()[0] as string
    for (const r of runs) expect(r.began < firstEnd).toBe(true)
  })

  it('a single-connection store (a CLI command) keeps one session', async () => {
    const store = await openStore(pgSchemaUrl(), { create: true })
    opened.push(store)
    const rows = await Promise.all(
      [1, 2, 3].map(() => store.query('SELECT pg_backend_pid() AS pid')),
    )
    expect(new Set(rows.map((r) => r[0]?.pid)).size).toBe(1)
  })

  it('a transaction holds one connection: others see it whole at commit, or nothing after a rollback', async () => {
    const store = await pooled()
    const pids = new Set<unknown>()
    const insert = (id: string) =>
      store.run(
        `INSERT INTO opportunities (id, status, amount, created_on) VALUES ($1, 'open', 1, DATE '2026-04-01')`,
        [id],
      )
    let inserted = () => {}
    let looked = () => {}
    const insertedAll = new Promise<void>((resolve) => (inserted = resolve))
    const lookedMeanwhile = new Promise<void>((resolve) => (looked = resolve))
    const writing = store.transaction(async () => {
      await store.lockForWrite()
      for (const id of ['t1', 't2', 't3']) {
        await insert(id)
        pids.add((await store.query('SELECT pg_backend_pid() AS pid'))[0]?.pid)
      }
      inserted()
      // The transaction stays open while a reader outside it looks.
      await lookedMeanwhile
    })
    await insertedAll
    const [meanwhile] = await store.query(
      'SELECT COUNT(*) AS n, pg_backend_pid() AS pid FROM opportunities',
    )
    looked()
    await writing
    expect(pids.size).toBe(1)
    expect(meanwhile?.n).toBe(0)
    expect(pids.has(meanwhile?.pid)).toBe(false)
    expect(await count(store)).toBe(3)
    await expect(
      store.transaction(async () => {
        await insert('t4')
        await insert('t5')
        throw new Error('stop')
      }),
    ).rejects.toThrow('stop')
    expect(await count(store)).toBe(3)
  })

  it("an import in serve's queue stages and writes on one session while reads go on", async () => {
    const store = await pooled()
    const queue = new WorkQueue((work) => store.session(work))
    let importing = true
    const seen = new Set<number>()
    const watch = (async () => {
      while (importing) seen.add(await count(store))
    })()
    const report = await queue.run(() => importFile(store, 'opportunities', deals(1, 5_000, 3)))
    importing = false
    await watch
    expect(report.inserted).toBe(5_000)
    for (const n of seen) expect([0, 5_000]).toContain(n)
    expect(await count(store)).toBe(5_000)
  })

  it('a read snapshot does not see an import committed while it reads', async () => {
    const url = pgSchemaUrl()
    const reader = await openStore(url, { create: true, connections: 4 })
    const writer = await openStore(url)
    opened.push(reader, writer)
    await importFile(writer, 'opportunities', deals(1, 100, 10))
    const inside = await reader.readSnapshot(async () => {
      const before = { n: await count(reader), revenue: await revenue(reader) }
      // Committed by another connection while the snapshot reads.
      await importFile(writer, 'opportunities', deals(101, 300, 10))
      const after = { n: await count(reader), revenue: await revenue(reader) }
      return { before, after }
    })
    expect(inside.before).toEqual({ n: 100, revenue: 1_000 })
    expect(inside.after).toEqual(inside.before)
    // The next computation sees it.
    expect(await revenue(reader)).toBe(3_000)
    // Read only: a write inside a snapshot is refused.
    await expect(
      reader.readSnapshot(() => reader.run(`DELETE FROM opportunities`)),
    ).rejects.toThrow(/read-only/)
    expect(await count(reader)).toBe(300)
  })
})

/**
 * A database whose default collation is Polish (ICU, so no operating-system locale is
 * needed): MIERNIK_TEST_PG_ICU_URL, or the test server's database name + `_icu`, created
 * when missing. Skipped where it cannot be had.
 */
async function icuUrl(): Promise<string | null> {
  if (process.env.MIERNIK_TEST_PG_ICU_URL) return process.env.MIERNIK_TEST_PG_ICU_URL
  const url = new URL(pgUrl)
  const name = `${url.pathname.slice(1)}_icu`
  const admin = await openStore(pgUrl, { create: true })
  try {
    const [found] = await admin.query('SELECT COUNT(*) AS n FROM pg_database WHERE datname = $1', [
      name,
    ])
    if (Number(found?.n) === 0)
      await admin.run(
        `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'pl-PL'`,
      )
  } catch {
    return null
  } finally {
    await admin.close()
  }
  url.pathname = `/${name}`
  return url.toString()
}

onServer('PostgreSQL server: byte order whatever the database collation', () => {
  it('names in mixed case, with Polish letters and signs, order as on DuckDB', async () => {
    const base = await icuUrl()
    if (!base) return
    const schema = `t_icu_${process.pid}_${Date.now().toString(36)}`
    const pg = await openStore(`${base}?schema=${schema}`, { create: true })
    const duck = await openStore(':memory:', { create: true })
    try {
      const [collation] = await pg.query(
        `SELECT daticulocale AS locale FROM pg_database WHERE datname = current_database()`,
      )
      expect(collation?.locale).toBe('pl-PL')
      const names = [
        'Łukasz',
        'lucyna',
        'Zenon',
        'ala',
        'Ala',
        'Żaneta',
        'Ewa',
        '_bot',
        'zofia',
        'Émile',
      ]
      const reps = writeFile(
        'reps-collation.csv',
        toCsv(names.map((name, i) => ({ id: `r${i}`, name }))),
      )
      const opportunities = writeFile(
        'deals-collation.csv',
        toCsv(
          names.map((name, i) => ({
            id: `o${i}`,
            name: `${name} deal`,
            owner_id: `r${i}`,
            source: name.toUpperCase() === name ? name : name.slice(0, 3),
            status: 'won',
            amount: 100,
            created_on: '2026-04-01',
            closed_on: '2026-05-01',
          })),
        ),
      )
      const orders = async (store: Store) => {
        await importFile(store, 'reps', reps)
        await importFile(store, 'opportunities', opportunities)
        return {
          reps: (await dimensionValues(store, 'rep')).map((v) => v.label),
          sources: (await dimensionValues(store, 'source')).map((v) => v.label),
          deals: (await store.query('SELECT name FROM opportunities ORDER BY name')).map(
            (r) => r.name,
          ),
          min: await store.query('SELECT MIN(name) AS first, MAX(name) AS last FROM reps'),
        }
      }
      const [onDuck, onPg] = [await orders(duck), await orders(pg)]
      expect(onPg).toEqual(onDuck)
      // Byte order: capitals before small letters, Polish letters after z.
      expect(onDuck.reps).toEqual(
        [...names].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)),
      )
      // Without "C" the database would order them as Polish does.
      const [polish] = await pg.query(
        `SELECT string_agg(n, ',' ORDER BY n COLLATE "default") AS s FROM unnest(CAST($1 AS TEXT[])) n`,
        [names],
      )
      expect(polish?.s).not.toBe(onDuck.reps.join(','))
      const loose = await pg.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND data_type = 'text' AND collation_name IS DISTINCT FROM 'C'`,
      )
      expect(loose).toEqual([])
    } finally {
      await duck.close()
      await pg.run(`DROP SCHEMA "${schema}" CASCADE`)
      await pg.close()
    }
  })
})

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/store/open-store.js'
import { emptyStore, tempDir } from '../helpers.js'
import { testEngine } from '../engine.js'

// Work that writes while another piece of work has a transaction open (in `serve`: a
// sign-in, an API token's last use or a saved review during an import). On DuckDB and
// PGlite every caller shares one connection: the write must wait for the transaction to
// end, not run inside it (lost when it rolls back) nor fail on a second BEGIN.

const singleConnection = testEngine !== 'postgres'
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
}

/** A transaction held open until `release`; it writes `key` first, then fails or commits. */
function heldTransaction(
  store: Awaited<ReturnType<typeof emptyStore>>,
  key: string,
  outcome: 'rollback' | 'commit',
) {
  let release = () => {}
  const held = new Promise<void>((r) => (release = r))
  let entered = () => {}
  const inside = new Promise<void>((r) => (entered = r))
  const done = store
    .transaction(async () => {
      await store.run(`INSERT INTO settings ("key", "value") VALUES ($1, 'x')`, [key])
      entered()
      await held
      if (outcome === 'rollback') throw new Error('rolled back')
    })
    .then(
      () => 'committed',
      (e: Error) => e.message,
    )
  return { inside, release, done }
}

const keys = async (store: Awaited<ReturnType<typeof emptyStore>>) =>
  (await store.query(`SELECT "key" FROM settings WHERE "key" LIKE 't-%' ORDER BY 1`)).map(
    (r) => r.key,
  )

describe('a write from other work while a transaction is open, every engine', () => {
  it('waits for it and is not rolled back with it', async () => {
    const store = await emptyStore()
    const tx = heldTransaction(store, 't-inside', 'rollback')
    await tx.inside
    let landed = false
    const outside = store
      .run(`INSERT INTO settings ("key", "value") VALUES ('t-outside', 'x')`)
      .then(() => (landed = true))
    await settle()
    if (singleConnection) expect(landed).toBe(false)
    tx.release()
    expect(await tx.done).toBe('rolled back')
    await outside
    expect(await keys(store)).toEqual(['t-outside'])
  })

  it('a second transaction begins once the first has ended; both land, in turn', async () => {
    const store = await emptyStore()
    const first = heldTransaction(store, 't-first', 'commit')
    await first.inside
    const second = heldTransaction(store, 't-second', 'commit')
    let began = false
    void second.inside.then(() => (began = true))
    await settle()
    if (singleConnection) expect(began).toBe(false)
    first.release()
    second.release()
    expect(await first.done).toBe('committed')
    expect(await second.done).toBe('committed')
    expect(await keys(store)).toEqual(['t-first', 't-second'])
  })

  it('a write already under way when a transaction begins is not taken into it', async () => {
    const store = await emptyStore()
    const writes = Array.from({ length: 5 }, (_, i) =>
      store.run(`INSERT INTO settings ("key", "value") VALUES ($1, 'x')`, [`t-racing-${i}`]),
    )
    const tx = heldTransaction(store, 't-inside', 'rollback')
    tx.release()
    expect(await tx.done).toBe('rolled back')
    await Promise.all(writes)
    expect(await keys(store)).toEqual([0, 1, 2, 3, 4].map((i) => `t-racing-${i}`))
  })

  it('a transaction inside a transaction joins it, and its rollback takes both', async () => {
    const store = await emptyStore()
    const outcome = await store
      .transaction(async () => {
        await store.run(`INSERT INTO settings ("key", "value") VALUES ('t-outer', 'x')`)
        await store.transaction(() =>
          store.run(`INSERT INTO settings ("key", "value") VALUES ('t-inner', 'x')`),
        )
        throw new Error('rolled back')
      })
      .catch((e: Error) => e.message)
    expect(outcome).toBe('rolled back')
    expect(await keys(store)).toEqual([])
  })

  it.runIf(testEngine === 'duckdb')(
    'closing the store waits for a write under way (a token use is not awaited by its request)',
    async () => {
      const path = join(tempDir(), 'gate.duckdb')
      const store = await openStore(path, { create: true })
      const write = store.run(`INSERT INTO settings ("key", "value") VALUES ('t-late', 'x')`)
      await store.close()
      await write
      const again = await openStore(path)
      try {
        expect(await keys(again)).toEqual(['t-late'])
      } finally {
        await again.close()
      }
    },
  )
})

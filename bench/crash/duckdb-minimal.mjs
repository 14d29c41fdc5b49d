/* global process, console, URL, Buffer */
// Minimal reproduction of issue 11 with plain @duckdb/node-api, no miernik code.
//
//   node bench/crash/duckdb-minimal.mjs [DIR]
//
// Part 1 (torn WAL keeps optimistic writes): one transaction deletes the 1,000 rows of
// `big` and inserts 1,000,000 new ones (large enough for DuckDB to write the row groups
// straight into the database file before commit: "optimistic writes"), and replaces the one
// row of `small` by 10. The WAL of that commit is captured right after COMMIT, then replayed from every
// prefix a crash during the WAL write can leave (cut at each entry boundary and mid-entry).
// A prefix without the closing WAL_FLUSH entry must replay to the old state. It does not:
// ReplayRowGroupData merges the row groups into the table outside the replay transaction,
// so the ROLLBACK at the torn end keeps them, while the deletes and small inserts are
// rolled back.
//
// Part 2 (stale WAL replayed over a newer checkpoint): open a file whose WAL is torn (as
// part 1 leaves it), run a transaction large enough that DuckDB checkpoints instead of
// writing the WAL (3M deleted rows), close cleanly. DuckDB truncates a replayed WAL only at
// its next WAL write, so the torn WAL is still on disk and every later open replays it again
// over the newer data: here the 1,000,000 rows come back a second time. (Where the stale
// deletes hit rows that the newer checkpoint keeps as deleted, the open fails instead:
// "Failure while replaying WAL file: Conflict on tuple deletion!", as crash-repro.ts
// --twice shows with `miernik demo`.)
// MINIMAL_SETTLE=1 runs Miernik's fix first (a small logged write, then CHECKPOINT).
//
// Each case runs in a fresh process (no instance cache). To try a setting on the write:
//   MINIMAL_SETTINGS='{"enable_optimistic_write":"false"}' node bench/crash/duckdb-minimal.mjs
import { DuckDBInstance } from '@duckdb/node-api'
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs'
import { join } from 'node:path'

const self = new URL(import.meta.url).pathname
const [, , mode, ...rest] = process.argv

async function open(file, settings = {}) {
  const inst = await DuckDBInstance.create(file, settings)
  return inst.connect()
}
const one = async (c, sql) => (await c.runAndReadAll(sql)).getRows()[0]

function cp(from, to) {
  rmSync(to, { force: true })
  rmSync(`${to}.wal`, { force: true })
  copyFileSync(from, to)
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`)
}

/** WAL entries (version 2: u64 size, u64 checksum, payload); the first (version) has no header. */
function walEntries(file) {
  const d = readFileSync(file)
  let pos = d.indexOf(Buffer.from([0xff, 0xff])) + 2
  const out = [{ offset: 0, end: pos, type: 98 }]
  while (pos + 16 <= d.length) {
    const size = Number(d.readBigUInt64LE(pos))
    const type = d[pos + 16 + 2] // payload: field 100 (0x64 0x00), then the type as varint
    out.push({ offset: pos, end: pos + 16 + size, type })
    pos += 16 + size
  }
  return out
}
const typeName = {
  25: 'USE_TABLE',
  26: 'INSERT',
  27: 'DELETE',
  28: 'UPDATE',
  29: 'ROW_GROUP_DATA',
  98: 'VERSION',
  100: 'FLUSH',
}

if (mode === 'child-setup') {
  // Old state: big 1,000 rows (ids 0..999), small 1 row. Checkpointed, no WAL.
  const [file] = rest
  const c = await open(file)
  await c.run('CREATE TABLE big (id BIGINT, v VARCHAR)')
  await c.run('CREATE TABLE small (id BIGINT)')
  await c.run(`INSERT INTO big SELECT range, 'old' FROM range(1000)`)
  await c.run('INSERT INTO small VALUES (0)')
  // Only part 2 touches it: 3M rows to delete make its commit a checkpoint instead of a WAL write.
  await c.run('CREATE TABLE bulk AS SELECT range AS id FROM range(3000000)')
  await c.run('CHECKPOINT')
  c.closeSync()
} else if (mode === 'child-commit') {
  // The write: one transaction, like `miernik demo` replacing data. After COMMIT the WAL is
  // fsynced; snapshot file + WAL, then die without the shutdown checkpoint.
  const [file, snap] = rest
  // checkpoint_threshold keeps this commit in the WAL; MINIMAL_SETTINGS (JSON) adds settings to try.
  const c = await open(file, {
    checkpoint_threshold: '1GB',
    ...JSON.parse(process.env.MINIMAL_SETTINGS ?? '{}'),
  })
  await c.run('BEGIN')
  await c.run('DELETE FROM big')
  await c.run(`INSERT INTO big SELECT range, 'new' FROM range(1000000)`)
  await c.run('DELETE FROM small')
  await c.run('INSERT INTO small SELECT range + 100 FROM range(10)')
  await c.run('COMMIT')
  cp(file, snap)
  process.kill(process.pid, 'SIGKILL')
} else if (mode === 'child-state') {
  const [file] = rest
  try {
    const c = await open(file)
    const [n, dup] = await one(c, 'SELECT count(*), count(*) - count(DISTINCT id) FROM big')
    const [nOld] = await one(c, `SELECT count(*) FROM big WHERE v = 'old'`)
    const [s, ids] = await one(
      c,
      `SELECT count(*), string_agg(id::VARCHAR, ',' ORDER BY id) FROM small`,
    )
    console.log(
      JSON.stringify({
        big: Number(n),
        oldRows: Number(nOld),
        dupIds: Number(dup),
        small: Number(s),
        smallIds: String(ids),
      }),
    )
  } catch (e) {
    console.log(JSON.stringify({ error: String(e.message).split('\n')[0] }))
  }
} else if (mode === 'child-replace') {
  // A big transaction on a file whose WAL is torn, default settings: 3M deleted rows make
  // DuckDB commit it as a checkpoint instead of a WAL write. `small` is replaced too. Clean close.
  const [file] = rest
  const c = await open(file)
  if (process.env.MINIMAL_SETTLE) {
    await c.run('CREATE TABLE IF NOT EXISTS miernik_wal_settle (x INTEGER)')
    await c.run('DROP TABLE IF EXISTS miernik_wal_settle')
    await c.run('CHECKPOINT')
  }
  await c.run('BEGIN')
  await c.run('DELETE FROM bulk')
  await c.run('DELETE FROM small')
  await c.run('INSERT INTO small VALUES (7)')
  await c.run('COMMIT')
  c.closeSync()
} else {
  const dir = mode ?? '/tmp/duckdb-minimal'
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const run = (...a) =>
    execFileSync(process.execPath, [self, ...a])
      .toString()
      .trim()
  const base = join(dir, 'base.duckdb')
  const work = join(dir, 'work.duckdb')
  const committed = join(dir, 'committed.duckdb')
  const probe = join(dir, 'probe.duckdb')
  run('child-setup', base)
  cp(base, work)
  try {
    run('child-commit', work, committed)
  } catch {
    /* killed itself after the snapshot */
  }
  const wal = `${committed}.wal`
  const entries = walEntries(wal)
  const size = statSync(wal).size
  console.log(`DuckDB ${(await one(await open(':memory:'), 'SELECT version()'))[0]}`)
  console.log(`old state: ${run('child-state', base)}`)
  console.log(
    `committed WAL: ${size} bytes, entries: ${entries.map((e) => typeName[e.type] ?? e.type).join(' ')}`,
  )
  console.log(`full WAL replayed: ${(cp(committed, probe), run('child-state', probe))}`)
  console.log(
    '\nPart 1: replay of every torn prefix (a crash during the WAL write). Expected: the old state.',
  )
  const cuts = new Set()
  for (const e of entries.slice(1)) {
    cuts.add(e.offset) // cut right before an entry
    cuts.add(e.offset + Math.floor((e.end - e.offset) / 2)) // cut inside it
  }
  // At most ~40 cuts, spread over the WAL, plus the last entries (where the tear matters most).
  let sorted = [...cuts].sort((a, b) => a - b)
  if (sorted.length > 40) {
    const step = sorted.length / 30
    sorted = [
      ...new Set([
        ...Array.from({ length: 30 }, (_, i) => sorted[Math.floor(i * step)]),
        ...sorted.slice(-10),
      ]),
    ]
  }
  let bad = 0
  let tornFile = null
  for (const cut of sorted) {
    if (cut >= size) continue
    cp(committed, probe)
    truncateSync(`${probe}.wal`, cut)
    const state = run('child-state', probe)
    const s = JSON.parse(state)
    const ok = s.big === 1000 && s.oldRows === 1000 && s.small === 1 && s.smallIds === '0'
    if (!ok) bad++
    const last = entries.filter((e) => e.end <= cut).at(-1)
    console.log(
      `  WAL cut at ${String(cut).padStart(7)} (after ${typeName[last?.type] ?? '?'}): ${state}${ok ? '' : '   <-- neither old nor new'}`,
    )
    if (!ok && !tornFile) {
      tornFile = join(dir, 'torn.duckdb')
      cp(committed, tornFile)
      truncateSync(`${tornFile}.wal`, cut)
    }
  }
  console.log(
    `  ${bad} of ${sorted.filter((c) => c < size).length} torn prefixes replay to a state that was never committed`,
  )

  if (tornFile) {
    console.log('\nPart 2: a clean, large transaction on the file with the torn WAL, then reopen.')
    run('child-replace', tornFile)
    console.log(
      `  after a clean close: .wal ${existsSync(`${tornFile}.wal`) ? `still there (${statSync(`${tornFile}.wal`).size} bytes)` : 'gone'}`,
    )
    console.log(`  reopen: ${run('child-state', tornFile)}`)
    console.log(
      `  .wal ${existsSync(`${tornFile}.wal`) ? 'still there' : 'gone'}; reopen again: ${run('child-state', tornFile)}`,
    )
  }
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true })
}

/**
 * Crash harness for issue 11: runs a real `miernik` process that writes a DuckDB file,
 * kills it (SIGKILL by default) at a spread of moments, then opens the file in a fresh
 * process and checks the invariants: it opens, no key is duplicated, and every table is
 * exactly as before the command or exactly as after it (all tables the same side).
 *
 *   npx tsx bench/crash/crash-repro.ts --scenario demo --scale 20 --trials 40
 *   npx tsx bench/crash/crash-repro.ts --scenario import --rows 300000 --trials 40
 *   npx tsx bench/crash/crash-repro.ts --scenario copy --scale 20 --trials 40
 *   npx tsx bench/crash/crash-repro.ts --scenario first --rows 2000000 --trials 40
 *
 * Options: --cli PATH (default dist/cli/main.js), --signal KILL|INT, --dir DIR (scratch,
 * default /tmp/miernik-crash), --twice (after the first kill, run the command again and
 * kill that too: the replay-then-crash case), --keep N (failing files kept for study),
 * --setup-only (build base.duckdb and the input in --dir, print the command, stop).
 *
 * Kill moments rotate between three kinds, each drawn from a clean calibration run: a time
 * uniform over the write window (from a little before the first change of the database file
 * or WAL to the exit); the moment the .wal first reaches a random size up to the largest
 * seen (the commit's WAL write); the moment the database file has grown by a random part of
 * its growth (optimistic writes, the commit's checkpoint).
 */
import { spawn, execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const args = process.argv.slice(2)
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : dflt
}
const flag = (name: string): boolean => args.includes(`--${name}`)

const scenario = opt('scenario', 'demo') as 'demo' | 'import' | 'copy' | 'first'
const scale = opt('scale', '20')
/** Scale of the old data set in the demo scenario (the deletes' share of the commit). */
const oldScale = opt('old-scale', '1')
const rows = Number(opt('rows', '300000'))
const trials = Number(opt('trials', '30'))
const signal = `SIG${opt('signal', 'KILL')}` as NodeJS.Signals
const twice = flag('twice')
const keep = Number(opt('keep', '3'))
const cli = resolve(opt('cli', 'dist/cli/main.js'))
const dir = resolve(opt('dir', '/tmp/miernik-crash'))
const checker = resolve(import.meta.dirname, 'check-db.mjs')
const asOf = '2025-06-30'
const exportedAt = '2025-07-01T00:00:00Z'

type Fingerprint = {
  opens: boolean
  error: string | null
  tables: Record<string, { n: number; dup: number; h: string }>
}

function miernik(...a: string[]): void {
  execFileSync(process.execPath, [cli, ...a], { stdio: ['ignore', 'ignore', 'inherit'] })
}

function fingerprint(file: string): Fingerprint {
  // Checked on a copy: opening replays the WAL and checkpoints, which would change the evidence.
  const copy = join(dir, 'check.duckdb')
  rmSync(copy, { force: true })
  rmSync(`${copy}.wal`, { force: true })
  copyFileSync(file, copy)
  if (existsSync(`${file}.wal`)) copyFileSync(`${file}.wal`, `${copy}.wal`)
  const out = execFileSync(process.execPath, [checker, copy], { timeout: 300_000 }).toString()
  return JSON.parse(out) as Fingerprint
}

function cp(from: string, to: string): void {
  rmSync(to, { force: true })
  rmSync(`${to}.wal`, { force: true })
  copyFileSync(from, to)
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`)
}

/** The command under test, writing to `target`. */
let command: (target: string) => string[]

const base = join(dir, 'base.duckdb')
async function setup(): Promise<void> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  if (scenario === 'demo') {
    // Old state: demo seed 1 at --old-scale; the command replaces it with demo seed 2.
    miernik('demo', '--db', base, '--scale', oldScale, '--seed', '1', '--as-of', asOf)
    command = (t) => ['demo', '--db', t, '--scale', scale, '--seed', '2', '--as-of', asOf]
  } else if (scenario === 'copy') {
    // Old state: an empty, migrated database; the command copies a demo database into it.
    const source = join(dir, 'source.duckdb')
    miernik('demo', '--db', source, '--scale', scale, '--seed', '2', '--as-of', asOf)
    miernik('config', 'set', 'fiscal_year_start_month', '1', '--db', base)
    command = (t) => ['copy', '--from', source, '--to', t]
  } else if (scenario === 'first') {
    // Old state: an empty, migrated database; the command is a first import of `rows` deals,
    // which DuckDB loads into a table of its own and then swaps in (loadDirect).
    miernik('config', 'set', 'fiscal_year_start_month', '1', '--db', base)
    const csv = join(dir, 'first.csv')
    const { DuckDBInstance } = await import('@duckdb/node-api')
    const c = await (await DuckDBInstance.create(':memory:')).connect()
    await c.run(`COPY (
        SELECT 'n-' || lpad(CAST(g AS VARCHAR), 9, '0') AS id, 'Deal ' || g AS name,
          'a' || (g % 500) AS account_id, 'r' || (g % 20) AS owner_id, 'Referral' AS source,
          'default' AS pipeline, ['open', 'won', 'lost'][g % 3 + 1] AS status,
          (g % 10000) + 0.5 AS amount, 'USD' AS currency,
          DATE '2025-01-01' + CAST(g % 300 AS INTEGER) AS created_on,
          CASE WHEN g % 3 > 0 THEN DATE '2025-01-21' + CAST(g % 300 AS INTEGER) END AS closed_on,
          'Analytics' AS product
        FROM range(${rows}) r(g)
      ) TO '${csv}' (HEADER)`)
    c.closeSync()
    command = (t) => ['import', 'opportunities', csv, '--db', t, '--exported-at', exportedAt]
  } else {
    // Old state: a small demo (4,000 deals). The file: every one of them, 500 changed, plus
    // `rows` new deals; the import inserts, updates and logs changes in one transaction.
    miernik('demo', '--db', base, '--scale', '1', '--seed', '1', '--as-of', asOf)
    const csv = join(dir, 'deals.csv')
    const { DuckDBInstance } = await import('@duckdb/node-api')
    const inst = await DuckDBInstance.create(':memory:')
    const c = await inst.connect()
    await c.run(`ATTACH '${base}' AS b (READ_ONLY)`)
    const cols = `name, account_id, owner_id, lead_id, source, pipeline, stage, status, currency,
      created_on, closed_on, expected_close_on, probability, product, lost_reason`
    await c.run(`COPY (
        SELECT id, CASE WHEN hash(id) % 8 = 0 THEN amount + 1 ELSE amount END AS amount, ${cols}
        FROM b.opportunities
        UNION ALL
        SELECT 'n-' || lpad(CAST(g AS VARCHAR), 9, '0') AS id, o.amount, ${cols}
        FROM range(${rows}) r(g)
        JOIN (SELECT *, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS m FROM b.opportunities) o
          ON o.k = g % o.m
      ) TO '${csv}' (HEADER)`)
    await c.run(`DETACH b`)
    c.closeSync()
    command = (t) => ['import', 'opportunities', csv, '--db', t, '--exported-at', exportedAt]
  }
}

type Timeline = { firstChange: number; end: number; maxWal: number; growth: number }
type Mode = 'time' | 'wal' | 'grow'

/** Runs the command on a copy of base; returns the timeline (calibration). */
async function calibrate(target: string): Promise<Timeline> {
  cp(base, target)
  const size0 = statSync(target).size
  const t0 = performance.now()
  const child = spawn(process.execPath, [cli, ...command(target)], { stdio: 'ignore' })
  let firstChange = -1
  let maxWal = 0
  let maxSize = size0
  let done = false
  child.on('exit', () => (done = true))
  while (!done) {
    const s = existsSync(target) ? statSync(target, { throwIfNoEntry: false })?.size : 0
    const w = statSync(`${target}.wal`, { throwIfNoEntry: false })?.size ?? 0
    if (firstChange < 0 && (s !== size0 || w > 0)) firstChange = performance.now() - t0
    maxWal = Math.max(maxWal, w)
    maxSize = Math.max(maxSize, s ?? 0)
    await sleep(1)
  }
  const end = performance.now() - t0
  return { firstChange: Math.max(0, firstChange), end, maxWal, growth: maxSize - size0 }
}

/** One run killed at a moment; returns what was done when the kill came. */
async function runAndKill(
  target: string,
  mode: Mode,
  at: number,
): Promise<{ killedAt: string; exited: boolean }> {
  const t0 = performance.now()
  const child = spawn(process.execPath, [cli, ...command(target)], { stdio: 'ignore' })
  let exited = false
  child.on('exit', () => (exited = true))
  let killedAt = ''
  // A WAL left by an earlier kill is there from the start: wait for this run to write its own.
  const wal0 = statSync(`${target}.wal`, { throwIfNoEntry: false })?.size ?? 0
  let moved = wal0 === 0
  const size0 = statSync(target).size
  while (!exited) {
    const now = performance.now() - t0
    const wal = statSync(`${target}.wal`, { throwIfNoEntry: false })?.size ?? 0
    const grown = (statSync(target, { throwIfNoEntry: false })?.size ?? 0) - size0
    if (wal !== wal0) moved = true
    if (
      (mode === 'time' && now >= at) ||
      (mode === 'wal' && moved && wal >= at && wal > 0) ||
      (mode === 'grow' && grown >= at && grown > 0)
    ) {
      child.kill(signal)
      killedAt = `${now.toFixed(0)} ms, wal ${wal}, file +${grown}`
      break
    }
    await sleep(mode === 'time' ? 1 : 0)
  }
  while (!exited) await sleep(2)
  return { killedAt: killedAt || 'finished first', exited: !killedAt }
}

/** Trials rotate: by time, by WAL size (when the command writes one), by database file growth. */
function pickMode(i: number, cal: Timeline): Mode {
  const want: Mode = (['time', 'wal', 'grow'] as const)[i % 3] as Mode
  if (want === 'wal' && cal.maxWal === 0) return cal.growth > 0 ? 'grow' : 'time'
  if (want === 'grow' && cal.growth <= 0) return cal.maxWal > 0 ? 'wal' : 'time'
  return want
}

function killPoint(mode: Mode, cal: Timeline): number {
  if (mode === 'wal') return Math.floor(Math.random() * cal.maxWal)
  if (mode === 'grow') return 1 + Math.floor(Math.random() * cal.growth)
  const span = cal.end - cal.firstChange
  return Math.max(0, cal.firstChange - 0.25 * span) + Math.random() * span * 1.27
}

/** The states a killed command may leave: before, after, and (--twice) after it ran twice. */
const clean = ['old', 'new', 'new, then again']

function classify(
  f: Fingerprint,
  old: Fingerprint,
  neu: Fingerprint,
  again: Fingerprint | null = null,
): string {
  if (!f.opens) return `DOES NOT OPEN: ${f.error}`
  const dups = Object.entries(f.tables)
    .filter(([, v]) => v.dup > 0)
    .map(([t, v]) => `${t} ${v.dup} dup`)
  const same = (a: Fingerprint) =>
    Object.keys(f.tables).filter(
      (t) => f.tables[t]?.n === a.tables[t]?.n && f.tables[t]?.h === a.tables[t]?.h,
    )
  const all = Object.keys(f.tables)
  const asOld = same(old)
  const asNew = same(neu)
  if (!dups.length && asOld.length === all.length) return 'old'
  if (!dups.length && asNew.length === all.length) return 'new'
  // --twice: a first run killed after it committed, then a second run to its end, is the
  // command done twice (a re-import of the same file advances the data version again).
  if (again && !dups.length && same(again).length === all.length) return 'new, then again'
  const mixed = all
    .filter((t) => !asOld.includes(t) || !asNew.includes(t))
    .map((t) => {
      const side = asOld.includes(t)
        ? 'old'
        : asNew.includes(t)
          ? 'new'
          : `neither(${f.tables[t]?.n})`
      return `${t}=${side}`
    })
  return `MIXED ${[...dups, ...mixed].join(' ')}`
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`no ${cli}: npm run build first`)
  console.log(
    `scenario ${scenario}, scale ${scale}${scenario === 'demo' ? ` over old scale ${oldScale}` : ''}, rows ${rows}, ${trials} trials, ${signal}${twice ? ', twice' : ''}, cli ${cli}`,
  )
  await setup()
  if (flag('setup-only')) {
    console.log(`base ${base}; command: miernik ${command(join(dir, 'trial.duckdb')).join(' ')}`)
    return
  }
  const target = join(dir, 'trial.duckdb')
  const old = fingerprint(base)
  const cal = await calibrate(target)
  const neu = fingerprint(target)
  if (!neu.opens || classify(neu, old, neu) !== 'new')
    throw new Error('clean run did not reach a clean new state')
  // The state of the command run twice to its end, over the clean new state.
  let again: Fingerprint | null = null
  if (twice) {
    miernik(...command(target))
    again = fingerprint(target)
  }
  console.log(
    `calibration: first write ${cal.firstChange.toFixed(0)} ms, exit ${cal.end.toFixed(0)} ms, largest WAL ${cal.maxWal} bytes, file grew ${cal.growth} bytes`,
  )
  const tally = new Map<string, number>()
  let kept = 0
  for (let i = 0; i < trials; i++) {
    cp(base, target)
    const mode = pickMode(i, cal)
    const at = killPoint(mode, cal)
    const r = await runAndKill(target, mode, at)
    let how = r.killedAt
    if (twice && !r.exited) {
      // Re-run (it replays the WAL on open) and kill it again: at a random moment, or (odd
      // trials) while its own WAL grows.
      const m2 = mode === 'time' ? 'time' : pickMode(i, cal)
      const r2 = await runAndKill(
        target,
        m2,
        m2 === 'time' ? Math.random() * cal.end : killPoint(m2, cal),
      )
      how += ` | rerun ${r2.killedAt}`
    }
    const f = fingerprint(target)
    const verdict = classify(f, old, neu, again)
    const key = verdict.startsWith('MIXED')
      ? 'MIXED ' + verdict.replace(/\(\d+\)/g, '').replace(/ \d+ dup/g, ' dup')
      : verdict
    tally.set(key, (tally.get(key) ?? 0) + 1)
    const bad = !clean.includes(verdict)
    const label = { time: 'at time', wal: 'at WAL size', grow: 'at file growth' }[mode]
    console.log(`#${i + 1} kill ${label} ${how}: ${verdict}`)
    if (bad && kept < keep) {
      kept++
      cp(target, join(dir, `fail-${i + 1}.duckdb`))
    }
  }
  console.log('\nsummary:')
  for (const [k, n] of [...tally].sort((a, b) => b[1] - a[1])) console.log(`  ${n} x ${k}`)
  const failures = [...tally].filter(([k]) => !clean.includes(k)).reduce((n, [, v]) => n + v, 0)
  console.log(`violations: ${failures} of ${trials}`)
  writeFileSync(
    join(dir, 'summary.json'),
    JSON.stringify({ scenario, trials, tally: Object.fromEntries(tally), failures }, null, 1),
  )
}

await main()

// What the benchmarks share: the dates they read, timing, the reference data they seed and
// the generated native file. Benchmarks print figures; they are not tests.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { catalog } from '../src/metrics/catalog.js'
import type { Dimension } from '../src/metrics/metric-schema.js'
import type { Store } from '../src/store/store.js'

export const dir = join(import.meta.dirname, 'data')
export const asOf = '2026-06-30'
export const quarter = { from: '2026-01-01', to: '2026-03-31' }

/** The whole catalogue for the benchmark's quarter as of its date, optionally grouped. */
export const catalogueQuery = (by?: Dimension) => ({
  metrics: catalog.map((m) => m.id),
  ...quarter,
  asOf,
  ...(by ? { by: [by] } : {}),
})

/** The result of `fn` and the seconds it took. */
export async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now()
  const result = await fn()
  return [result, (performance.now() - t) / 1000]
}

/** The median of `runs` timings of `fn` in milliseconds, after one warm-up run. */
export async function medianMs(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push((await time(fn))[1] * 1000)
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number
}

/** A figure beside its floor and their ratio, and the target it is held to. */
export function figureLine(what: string, seconds: number, floor: number | null, target: string) {
  return (
    `${what.padEnd(44)} ${seconds.toFixed(3).padStart(8)} s` +
    (floor === null
      ? ''.padEnd(26)
      : `   floor ${floor.toFixed(3).padStart(7)} s  x${(seconds / floor).toFixed(1).padStart(4)}`) +
    `   target ${target}`
  )
}

/** EUR rates, 20 reps in 3 teams and their Q1 2026 quotas: what the native deals refer to. */
export async function seedReference(store: Store): Promise<void> {
  const rates = Array.from({ length: 40 }, (_, i) => {
    const on = new Date(Date.UTC(2024, 0, 1 + i * 30)).toISOString().slice(0, 10)
    return `('EUR', DATE '${on}', ${(1.05 + (i % 10) / 100).toFixed(2)})`
  })
  await store.run(`INSERT INTO fx_rates VALUES ${rates.join(', ')}`)
  const reps = Array.from({ length: 20 }, (_, i) => `('r${i}', 'Rep ${i}', 'Team ${i % 3}')`)
  await store.run(`INSERT INTO reps (id, name, team) VALUES ${reps.join(', ')}`)
  const quotas = Array.from(
    { length: 20 },
    (_, i) => `('r${i}', DATE '2026-01-01', DATE '2026-03-31', 5000000, 'USD')`,
  )
  await store.run(
    `INSERT INTO quotas (rep_id, period_start, period_end, amount, currency) VALUES ${quotas.join(', ')}`,
  )
}

/** A deterministic native file: 24 months of deals, 20 owners, 1,000 accounts, 15% in EUR. */
export async function nativeDealsCsv(rows: number, asOfDate = asOf): Promise<string> {
  const csv = join(dir, `opportunities-${rows}.csv`)
  if (existsSync(csv)) return csv
  mkdirSync(dir, { recursive: true })
  const db = await (await DuckDBInstance.create(':memory:')).connect()
  const r = (salt: string) => `(hash(i, '${salt}') % 1000000) / 1000000.0`
  await db.run(`COPY (
    SELECT 'o' || i AS id, 'Deal ' || i AS name, 'a' || CAST(floor(${r('acct')} * 1000) AS INT) AS account_id,
      'r' || CAST(floor(${r('owner')} * 20) AS INT) AS owner_id,
      ['Inbound','Outbound','Referral','Partner'][1 + CAST(floor(${r('src')} * 4) AS INT)] AS source,
      'default' AS pipeline, status, CAST(round(1000 + ${r('amt')} * 99000, 2) AS VARCHAR) AS amount,
      CASE WHEN ${r('cur')} < 0.15 THEN 'EUR' ELSE 'USD' END AS currency,
      created_on, CASE WHEN status <> 'open' THEN LEAST(created_on + CAST(1 + floor(${r('cyc')} * 120) AS INT), DATE '${asOfDate}') END AS closed_on,
      created_on + 60 AS expected_close_on, ['Core','Analytics','Suite'][1 + CAST(floor(${r('prod')} * 3) AS INT)] AS product
    FROM (SELECT i, DATE '2024-07-01' + CAST(floor(${r('created')} * 730) AS INT) AS created_on,
            CASE WHEN ${r('status')} < 0.25 THEN 'won' WHEN ${r('status')} < 0.75 THEN 'lost' ELSE 'open' END AS status
          FROM range(${rows}) t(i))
  ) TO '${csv}' (HEADER)`)
  return csv
}

/** A whole process's wall time and peak memory (GNU time's maximum resident set, in MB). */
export function wholeProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { seconds: number; peakMb: number | null; stdout: string } {
  const gnuTime = existsSync('/usr/bin/time')
  const t = performance.now()
  const out = spawnSync(
    gnuTime ? '/usr/bin/time' : args[0]!,
    gnuTime ? ['-f', '%M', ...args] : args.slice(1),
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    },
  )
  const seconds = (performance.now() - t) / 1000
  if (out.status !== 0) throw new Error(`${args.join(' ')} failed: ${out.stderr}`)
  const kb = gnuTime ? Number(out.stderr.trim().split('\n').at(-1)) : NaN
  return { seconds, peakMb: Number.isFinite(kb) ? kb / 1024 : null, stdout: out.stdout }
}

/** The median of `runs` whole-process runs (seconds), with the highest peak memory seen. */
export function medianProcess(args: string[], runs = 3, env: NodeJS.ProcessEnv = {}) {
  const all = Array.from({ length: runs }, () => wholeProcess(args, env))
  const seconds = all.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(runs / 2)] as number
  const peaks = all.map((r) => r.peakMb).filter((p): p is number => p !== null)
  return { seconds, peakMb: peaks.length ? Math.max(...peaks) : null }
}

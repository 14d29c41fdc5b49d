/**
 * Profiling (not a test): where the catalogue's time goes on PostgreSQL. Computes the whole
 * catalogue for a quarter over a database `runs` times after a warm-up, prints each run's
 * wall time and the CPU time of the server's sessions (see sessionsCpu), then the costliest
 * statements of the last run with the key lines of their EXPLAIN (ANALYZE, BUFFERS).
 * Findings are kept in bench/notes/postgres.md.
 *
 *   npx tsx bench/profile-postgres.ts postgres://...  [--runs 3] [--top 5] [--by rep] [--plans]
 *   PGOPTIONS='-c max_parallel_workers_per_gather=0' npx tsx bench/profile-postgres.ts ...  (serial)
 */
import { readdirSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { compute } from '../src/metrics/compute.js'
import type { Dimension } from '../src/metrics/metric-schema.js'
import { openStore } from '../src/store/open-store.js'
import { catalogueQuery } from './common.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    by: { type: 'string' },
    top: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    plans: { type: 'boolean', default: false },
  },
})
const url = positionals[0]
if (!url)
  throw new Error('usage: profile-postgres.ts URL [--runs 3] [--top 5] [--by rep] [--plans]')

/**
 * CPU seconds of the server processes serving `database`: its sessions, read from /proc
 * (this machine's server only). Parallel workers end with their statement, their CPU
 * unaccounted: with PGOPTIONS='-c max_parallel_workers_per_gather=0' the figure is the
 * whole work of each run, whoever else uses the server.
 */
function sessionsCpu(database: string): number {
  let ticks = 0
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      // Sessions of this database; not autovacuum's, which visits it after an import.
      if (!command.includes(` ${database} `) || command.includes('autovacuum')) continue
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      // utime and stime: fields 14 and 15, here 11 and 12 counted from the state.
      ticks += Number(f[11]) + Number(f[12])
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100
}

interface Logged {
  ms: number
  sql: string
  params: readonly unknown[]
}
const database = new URL(url).pathname.slice(1)
const store = await openStore(url)
const log: Logged[] = []
const query = store.query.bind(store)
store.query = async (sql, params = []) => {
  const t = performance.now()
  const rows = await query(sql, params)
  log.push({ ms: performance.now() - t, sql, params })
  return rows
}
const q = catalogueQuery(values.by as Dimension | undefined)
await compute(store, q)
for (let run = 1; run <= Number(values.runs); run++) {
  log.length = 0
  const cpu = sessionsCpu(database)
  const since = process.cpuUsage()
  const t = performance.now()
  await compute(store, q)
  const node = process.cpuUsage(since)
  console.log(
    `run ${run}: ${((performance.now() - t) / 1000).toFixed(3)} s wall, sessions ${(sessionsCpu(database) - cpu).toFixed(2)} s CPU, node ${((node.user + node.system) / 1e6).toFixed(2)} s CPU, ${log.length} statements`,
  )
}
const costly = [...log].sort((a, b) => b.ms - a.ms).slice(0, Number(values.top))
for (const { ms, sql, params } of costly) {
  console.log(`\n${ms.toFixed(0)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 140)}`)
  if (!values.plans) continue
  const plan = await query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)
  for (const row of plan) console.log(`  ${String(row['QUERY PLAN'])}`)
}
console.log(
  `\nrest: ${log.length - costly.length} statements, ${log
    .filter((l) => !costly.includes(l))
    .reduce((s, l) => s + l.ms, 0)
    .toFixed(0)} ms`,
)
await store.close()

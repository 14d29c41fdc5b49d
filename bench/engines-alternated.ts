/**
 * Benchmark (not a test): the catalogue for a quarter on a PostgreSQL database and a DuckDB
 * file holding the same data, the engines alternated run by run in one process (on a busy
 * machine both see the same load), with the median and the best wall time and CPU time of
 * each (DuckDB: this process; PostgreSQL: this process and every postgres process of the
 * machine). Findings are kept in bench/notes/postgres.md.
 *
 *   npx tsx bench/engines-alternated.ts postgres://... bench/data/engines.duckdb [rounds]
 */
import { readdirSync, readFileSync } from 'node:fs'
import { compute } from '../src/metrics/compute.js'
import { openStore } from '../src/store/open-store.js'
import { catalogueQuery } from './common.js'
/** CPU seconds of every postgres process and of the workers they reaped (utime to cstime). */
function serverCpu(): number {
  let ticks = 0
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      if (!stat.includes('(postgres)')) continue
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += [11, 12, 13, 14].reduce((s, i) => s + Number(f[i]), 0)
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100
}
const rounds = Number(process.argv[4] ?? 7)
const pg = await openStore(process.argv[2]!)
const duck = await openStore(process.argv[3]!)
const q = catalogueQuery()
await compute(pg, q)
await compute(duck, q)
const r: Record<string, { wall: number[]; cpu: number[] }> = {
  pg: { wall: [], cpu: [] },
  duck: { wall: [], cpu: [] },
}
for (let i = 0; i < rounds; i++)
  for (const [name, store] of [
    ['pg', pg],
    ['duck', duck],
  ] as const) {
    const s0 = serverCpu()
    const n0 = process.cpuUsage()
    const t = performance.now()
    await compute(store, q)
    const n = process.cpuUsage(n0)
    r[name]!.wall.push((performance.now() - t) / 1000)
    r[name]!.cpu.push((n.user + n.system) / 1e6 + (name === 'pg' ? serverCpu() - s0 : 0))
  }
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!
const min = (a: number[]) => Math.min(...a)
for (const k of ['pg', 'duck'])
  console.log(
    `${k.padEnd(5)} wall med ${med(r[k]!.wall).toFixed(3)} min ${min(r[k]!.wall).toFixed(3)}   cpu med ${med(r[k]!.cpu).toFixed(3)} min ${min(r[k]!.cpu).toFixed(3)}`,
  )
console.log(
  `ratio wall med ${(med(r.pg!.wall) / med(r.duck!.wall)).toFixed(2)} min ${(min(r.pg!.wall) / min(r.duck!.wall)).toFixed(2)}  cpu med ${(med(r.pg!.cpu) / med(r.duck!.cpu)).toFixed(2)}`,
)
await pg.close()
await duck.close()

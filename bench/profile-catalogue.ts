/**
 * Profiling (not a test): where the catalogue's time goes. Computes the whole catalogue for
 * a quarter twice over a database (the second run is reported), times every SQL statement
 * by the CPU it took (both DuckDB threads; steadier than wall time on a shared machine),
 * and prints the costliest statements with their costliest operators from DuckDB's JSON
 * profile. Findings are kept in bench/notes/catalogue.md.
 *
 *   npx tsx bench/profile-catalogue.ts bench/data/scale-10000000.duckdb [--by rep] [--top 5]
 */
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api'
import { compute } from '../src/metrics/compute.js'
import type { Dimension } from '../src/metrics/metric-schema.js'
import { openStore } from '../src/store/open-store.js'
import { catalogueQuery } from './common.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { by: { type: 'string' }, top: { type: 'string', default: '5' } },
})
const path = positionals[0]
if (!path) throw new Error('usage: profile-catalogue.ts DB [--by rep] [--top 5]')

interface Logged {
  cpuMs: number
  sql: string
  params: readonly unknown[]
}
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1000
}

const store = await openStore(path)
const log: Logged[] = []
const query = store.query.bind(store)
store.query = async (sql, params = []) => {
  const since = process.cpuUsage()
  const rows = await query(sql, params)
  log.push({ cpuMs: cpuMs(since), sql, params })
  return rows
}
const q = catalogueQuery(values.by as Dimension | undefined)
for (const run of ['first', 'second']) {
  log.length = 0
  const since = process.cpuUsage()
  const t = performance.now()
  await compute(store, q)
  console.log(
    `${run} run: ${((performance.now() - t) / 1000).toFixed(2)} s wall, ${(cpuMs(since) / 1000).toFixed(2)} s CPU, ${log.length} statements`,
  )
}
await store.close()

// The costliest statements again, profiled operator by operator on a connection of their own.
const profile = join(tmpdir(), `miernik-profile-${process.pid}.json`)
const conn = await (await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' })).connect()
await conn.run(`SET TimeZone = 'UTC'`)
await conn.run(`SET enable_profiling = 'json'`)
await conn.run(`SET profiling_output = '${profile}'`)
interface Operator {
  operator_type?: string
  operator_timing?: number
  operator_cardinality?: number
  extra_info?: Record<string, unknown>
  children?: Operator[]
}
for (const { cpuMs, sql, params } of [...log]
  .sort((a, b) => b.cpuMs - a.cpuMs)
  .slice(0, Number(values.top))) {
  const prepared = await conn.prepare(sql)
  if (params.length) prepared.bind(params as DuckDBValue[])
  await prepared.run()
  const ops: Operator[] = []
  const walk = (n: Operator) => (n.operator_type && ops.push(n), n.children?.forEach(walk))
  walk(JSON.parse(readFileSync(profile, 'utf8')) as Operator)
  console.log(`\n${cpuMs.toFixed(0)} ms CPU  ${sql.replace(/\s+/g, ' ').slice(0, 110)}`)
  for (const o of ops
    .sort((a, b) => (b.operator_timing ?? 0) - (a.operator_timing ?? 0))
    .slice(0, 6)) {
    const info = JSON.stringify(
      o.extra_info?.Projections ?? o.extra_info?.Conditions ?? o.extra_info?.Aggregates ?? '',
    )
    console.log(
      `  ${(o.operator_timing ?? 0).toFixed(3)} s  ${String(o.operator_cardinality ?? 0).padStart(10)} rows  ${o.operator_type}  ${info.slice(0, 90)}`,
    )
  }
}
rmSync(profile, { force: true })

/**
 * Benchmark (not a test): the native import of a large opportunities file against its floor,
 * each as a whole process of its own, so peak memory (maxRSS: DuckDB's memory included) is
 * the process's and nothing else's.
 *
 *   import  miernik's importFile into a new database (reps and fx rates seeded first)
 *   floor   one hand-written CREATE TABLE AS SELECT ... FROM read_csv(all_varchar) with casts,
 *           in a new database with DuckDB's default settings (as bench/import-and-catalog.ts)
 *
 *   npx tsx bench/import-10m.ts                 (10M rows; ROWS=1000000 for 1M; RUNS=3 for medians)
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { importFile } from '../src/ingest/import-file.js'
import { openStore } from '../src/store/open-store.js'
import { asOf, dir, nativeDealsCsv, seedReference, time } from './common.js'

interface Measure {
  seconds: number
  cpu: number
  maxRssMb: number
}

const rows = Number(process.env.ROWS ?? 10_000_000)

async function child(what: string, csv: string): Promise<void> {
  const path = join(dir, `import-10m-${what}.duckdb`)
  rmSync(path, { force: true })
  rmSync(`${path}.wal`, { force: true })
  let seconds: number
  if (what === 'floor') {
    const db = await (await DuckDBInstance.create(path)).connect()
    ;[, seconds] = await time(() =>
      db.run(`CREATE TABLE opportunities AS SELECT id, name, account_id, owner_id, source, pipeline, status,
          CAST(amount AS DECIMAL(18,4)) AS amount, currency, CAST(created_on AS DATE) AS created_on,
          CAST(closed_on AS DATE) AS closed_on, CAST(expected_close_on AS DATE) AS expected_close_on, product
        FROM read_csv('${csv}', header = true, all_varchar = true)`),
    )
  } else {
    const store = await openStore(path, { create: true })
    await seedReference(store)
    const [report, s] = await time(() => importFile(store, 'opportunities', csv))
    if (report.inserted !== rows) throw new Error(`imported ${report.inserted} of ${rows} rows`)
    seconds = s
    await store.close()
  }
  const usage = process.resourceUsage()
  const measure: Measure = {
    seconds,
    cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    maxRssMb: usage.maxRSS / 1024,
  }
  console.log(JSON.stringify(measure))
  rmSync(path, { force: true })
}

function run(what: string, csv: string): Measure {
  const out = spawnSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, '--child', what, csv],
    { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 },
  )
  if (out.status !== 0) throw new Error(`${what} failed: ${out.stderr}`)
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as Measure
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

async function main(): Promise<void> {
  const csv = await nativeDealsCsv(rows, asOf)
  const runs = Number(process.env.RUNS ?? 1)
  const floors: Measure[] = []
  const imports: Measure[] = []
  // Alternated, so that a busy moment of a shared machine falls on both.
  for (let i = 0; i < runs; i++) {
    floors.push(run('floor', csv))
    imports.push(run('import', csv))
  }
  const f = (m: Measure[], k: keyof Measure) => median(m.map((x) => x[k]))
  const line = (what: string, m: Measure[]) =>
    `${what.padEnd(40)} ${f(m, 'seconds').toFixed(2).padStart(7)} s  cpu ${f(m, 'cpu').toFixed(1).padStart(6)} s  peak ${f(m, 'maxRssMb').toFixed(0).padStart(5)} MB`
  console.log(
    `Miernik import benchmark: ${rows.toLocaleString('en-US')} native opportunities, DuckDB, whole processes${runs > 1 ? `, median of ${runs}` : ''}`,
  )
  console.log(line('import (importFile)', imports))
  console.log(line('floor (CREATE TABLE AS ... read_csv)', floors))
  const ratio = f(imports, 'seconds') / f(floors, 'seconds')
  console.log(
    `ratio x${ratio.toFixed(2)} (target <= 1.5), peak ${f(imports, 'maxRssMb').toFixed(0)} MB (target <= 1536 MB)`,
  )
}

if (process.argv[2] === '--child') await child(process.argv[3] as string, process.argv[4] as string)
else await main()

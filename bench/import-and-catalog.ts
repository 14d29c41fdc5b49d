/**
 * Benchmark (not a test): import of a 1M-row native opportunities CSV and the whole
 * catalogue for one quarter over it, each next to its floor — a hand-written DuckDB
 * query doing the core of the same work on the same file, run in this process.
 *
 *   npm run bench            (ROWS=200000 npm run bench for a quicker run)
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { generateDemo } from '../src/demo/generate-demo.js'
import { importFile } from '../src/ingest/import-file.js'
import { compute } from '../src/metrics/compute.js'
import { openStore } from '../src/store/open-store.js'
import {
  asOf,
  dir,
  figureLine,
  nativeDealsCsv,
  quarter,
  seedReference,
  time,
  catalogueQuery,
} from './common.js'

const rows = Number(process.env.ROWS ?? 1_000_000)
async function main(): Promise<void> {
  console.log(
    `Miernik benchmark: ${rows.toLocaleString('en-US')} opportunities, DuckDB, ${new Date().toISOString().slice(0, 10)}`,
  )
  const csv = await nativeDealsCsv(rows, asOf)

  // Floor for the import: DuckDB reads, types and inserts the same file in one statement.
  const floorPath = join(dir, 'floor.duckdb')
  rmSync(floorPath, { force: true })
  const floorDb = await (await DuckDBInstance.create(floorPath)).connect()
  const [, floorImport] = await time(() =>
    floorDb.run(`CREATE TABLE opportunities AS SELECT id, name, account_id, owner_id, source, pipeline, status,
        CAST(amount AS DECIMAL(18,4)) AS amount, currency, CAST(created_on AS DATE) AS created_on,
        CAST(closed_on AS DATE) AS closed_on, CAST(expected_close_on AS DATE) AS expected_close_on, product
      FROM read_csv('${csv}', header = true, all_varchar = true)`),
  )
  await floorDb.run(
    `CREATE TABLE fx_rates AS SELECT 'EUR' AS currency, DATE '2024-01-01' + CAST(i * 30 AS INTEGER) AS "on", CAST(1.05 + (i % 10) / 100.0 AS DECIMAL(18,4)) AS rate FROM range(40) t(i)`,
  )

  const path = join(dir, 'miernik.duckdb')
  rmSync(path, { force: true })
  const store = await openStore(path, { create: true })
  await seedReference(store)
  const [report, importSeconds] = await time(() => importFile(store, 'opportunities', csv))

  // Floor for the catalogue: the core figures of one quarter in one hand-written query.
  const floorSql = `SELECT
      SUM(o.amount * CASE WHEN o.currency = 'USD' THEN 1 ELSE fx.rate END) FILTER (WHERE status = 'won' AND closed_on BETWEEN DATE '${quarter.from}' AND DATE '${quarter.to}') AS revenue,
      COUNT(*) FILTER (WHERE status = 'won' AND closed_on BETWEEN DATE '${quarter.from}' AND DATE '${quarter.to}') AS won,
      COUNT(*) FILTER (WHERE status IN ('won', 'lost') AND closed_on BETWEEN DATE '${quarter.from}' AND DATE '${quarter.to}') AS closed,
      COUNT(*) FILTER (WHERE created_on BETWEEN DATE '${quarter.from}' AND DATE '${quarter.to}') AS created,
      AVG(closed_on - created_on) FILTER (WHERE status = 'won' AND closed_on BETWEEN DATE '${quarter.from}' AND DATE '${quarter.to}') AS cycle
    FROM opportunities o ASOF LEFT JOIN fx_rates fx ON fx.currency = o.currency AND COALESCE(o.closed_on, o.created_on) >= fx."on"`
  await floorDb.run(floorSql) // warm-up, as the catalogue gets one below
  const [, floorCatalog] = await time(() => floorDb.run(floorSql))

  const query = catalogueQuery()
  await compute(store, query) // warm-up: first-run costs (catalogue load, caches) are not the steady state
  const [result, catalogSeconds] = await time(() => compute(store, query))
  const [, groupedSeconds] = await time(() => compute(store, { ...query, by: ['rep'] }))
  await store.close()

  const line = (what: string, seconds: number, floor: number | null, target: string) =>
    console.log(figureLine(what, seconds, floor, target))
  console.log(
    `imported ${report.inserted.toLocaleString('en-US')} rows (${Math.round(rows / importSeconds).toLocaleString('en-US')} rows/s)`,
  )
  line('import (stage, validate in SQL, upsert)', importSeconds, floorImport, '< 5 s')
  line(
    `catalogue, ${query.metrics.length} metrics, ${quarter.from}..${quarter.to}`,
    catalogSeconds,
    floorCatalog,
    '< 1 s and < 3x floor',
  )
  line('catalogue grouped by rep', groupedSeconds, null, '—')
  console.log(`${result.length} result rows`)

  // The same catalogue over a whole company at the same volume: the demo at scale 250
  // (1M opportunities, 2M leads, 3.3M stage changes, subscriptions, activities...).
  if (process.env.DEMO !== '0') {
    const demoPath = join(dir, 'demo.duckdb')
    rmSync(demoPath, { force: true })
    const demo = await openStore(demoPath, { create: true })
    const [, demoSeconds] = await time(() =>
      generateDemo(demo, { seed: 42, scale: rows / 4000, asOf }),
    )
    const demoQuery = { ...query, from: '2026-04-01', to: '2026-06-30' }
    await compute(demo, demoQuery)
    const [, demoCatalog] = await time(() => compute(demo, demoQuery))
    const [, demoGrouped] = await time(() => compute(demo, { ...demoQuery, by: ['team'] }))
    await demo.close()
    line(`demo data, scale ${rows / 4000} (generated in SQL)`, demoSeconds, null, '< 60 s')
    line('catalogue over the demo database, 2026-Q2', demoCatalog, null, '—')
    line('catalogue over the demo database, by team', demoGrouped, null, '—')
  }
}

await main()

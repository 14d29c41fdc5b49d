/**
 * Benchmark (not a test): a 1M-row HubSpot-style deals export imported with
 * `--preset hubspot`, next to the native import of the same deals — both through
 * importFile into fresh DuckDB files, in this process. The preset does more per row
 * (amounts, datetimes, status from flags, close date split, reps and accounts from
 * names); the issue's bar is within 2× of native. A second run adds three
 * `Date entered "..."` columns (up to 3M stage history rows).
 *
 *   npm run bench:crm            (ROWS=200000 npm run bench:crm for a quicker run)
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { importFile } from '../src/ingest/import-file.js'
import { openStore } from '../src/store/open-store.js'
import { dir, time } from './common.js'

const rows = Number(process.env.ROWS ?? 1_000_000)
const files = {
  native: join(dir, `crm-native-${rows}.csv`),
  hubspot: join(dir, `crm-hubspot-${rows}.csv`),
  history: join(dir, `crm-hubspot-history-${rows}.csv`),
}

/** The same deterministic deals in the native format and as HubSpot writes them. */
async function writeFiles(): Promise<void> {
  if (Object.values(files).every(existsSync)) return
  mkdirSync(dir, { recursive: true })
  const db = await (await DuckDBInstance.create(':memory:')).connect()
  const r = (salt: string) => `(hash(i, '${salt}') % 1000000) / 1000000.0`
  await db.run(`CREATE TABLE deals AS
    SELECT i, 'Deal ' || i AS name, CAST(floor(${r('acct')} * 1000) AS INT) AS account,
      CAST(floor(${r('owner')} * 20) AS INT) AS owner,
      CASE WHEN ${r('status')} < 0.25 THEN 'won' WHEN ${r('status')} < 0.75 THEN 'lost' ELSE 'open' END AS status,
      round(1000 + ${r('amt')} * 99000, 2) AS amount,
      CASE WHEN ${r('cur')} < 0.15 THEN 'EUR' ELSE 'USD' END AS currency,
      TIMESTAMP '2024-07-01 09:00' + INTERVAL (CAST(floor(${r('created')} * 730 * 24) AS INT)) HOUR AS created,
      CAST(1 + floor(${r('cyc')} * 120) AS INT) AS cycle
    FROM range(${rows}) t(i)`)
  await db.run(`COPY (SELECT 'o' || i AS id, name, 'a' || account AS account_id, 'Owner ' || owner AS owner_id,
      'Sales Pipeline' AS pipeline, status, amount, currency, CAST(created AS DATE) AS created_on,
      CASE WHEN status <> 'open' THEN CAST(created AS DATE) + cycle END AS closed_on,
      CASE WHEN status = 'open' THEN CAST(created AS DATE) + cycle END AS expected_close_on
    FROM deals) TO '${files.native}' (HEADER)`)
  const hubspot = (history: boolean) => `SELECT 'o' || i AS "Record ID", name AS "Deal Name",
      CASE status WHEN 'won' THEN 'Closed Won' WHEN 'lost' THEN 'Closed Lost' ELSE 'Contract Sent' END AS "Deal Stage",
      strftime(created + INTERVAL (cycle) DAY, '%Y-%m-%d %H:%M') AS "Close Date",
      strftime(created, '%Y-%m-%d %H:%M') AS "Create Date", 'Owner ' || owner AS "Deal owner",
      CAST(amount AS VARCHAR) AS "Amount", currency AS "Currency", 'Sales Pipeline' AS "Pipeline",
      CASE WHEN status = 'won' THEN 'true' ELSE 'false' END AS "Is Closed Won",
      'Company ' || account AS "Associated Company", 'a' || account AS "Associated Company IDs"
      ${
        history
          ? `, strftime(created, '%Y-%m-%d %H:%M') AS "Date entered ""Appointment Scheduled (Sales Pipeline)""",
             strftime(created + INTERVAL (cycle // 2) DAY, '%Y-%m-%d %H:%M') AS "Date entered ""Contract Sent (Sales Pipeline)""",
             CASE WHEN status = 'won' THEN strftime(created + INTERVAL (cycle) DAY, '%Y-%m-%d %H:%M') END AS "Date entered ""Closed Won (Sales Pipeline)"""`
          : ''
      }
    FROM deals`
  await db.run(`COPY (${hubspot(false)}) TO '${files.hubspot}' (HEADER, FORCE_QUOTE *)`)
  await db.run(`COPY (${hubspot(true)}) TO '${files.history}' (HEADER, FORCE_QUOTE *)`)
}

async function timedImport(file: string, preset?: string): Promise<number> {
  const path = join(dir, 'crm-bench.duckdb')
  rmSync(path, { force: true })
  const store = await openStore(path, { create: true })
  await store.run(`INSERT INTO fx_rates VALUES ('EUR', DATE '2024-01-01', 1.1)`)
  const [report, seconds] = await time(() =>
    importFile(store, 'opportunities', file, {
      ...(preset ? { preset } : {}),
      observedAt: '2026-07-01T00:00:00Z',
    }),
  )
  if (report.inserted !== rows) throw new Error(`imported ${report.inserted} of ${rows}`)
  await store.close()
  rmSync(path, { force: true })
  return seconds
}

async function main(): Promise<void> {
  console.log(`Miernik CRM import benchmark: ${rows.toLocaleString('en-US')} deals, DuckDB`)
  await writeFiles()
  const native = await timedImport(files.native)
  const hubspot = await timedImport(files.hubspot, 'hubspot')
  const history = await timedImport(files.history, 'hubspot')
  const line = (label: string, s: number) =>
    console.log(
      `  ${label.padEnd(44)} ${s.toFixed(2).padStart(6)} s  ${(s / native).toFixed(2)}× native`,
    )
  line('native CSV (baseline)', native)
  line('HubSpot export, --preset hubspot', hubspot)
  line('HubSpot export + 3 stage-date columns', history)
}

await main()

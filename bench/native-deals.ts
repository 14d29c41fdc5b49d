import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'

const dir = join(import.meta.dirname, 'data')

/** A deterministic native file: 24 months of deals, 20 owners, 1,000 accounts, 15% in EUR. */
export async function nativeDealsCsv(rows: number, asOf: string): Promise<string> {
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
      created_on, CASE WHEN status <> 'open' THEN LEAST(created_on + CAST(1 + floor(${r('cyc')} * 120) AS INT), DATE '${asOf}') END AS closed_on,
      created_on + 60 AS expected_close_on, ['Core','Analytics','Suite'][1 + CAST(floor(${r('prod')} * 3) AS INT)] AS product
    FROM (SELECT i, DATE '2024-07-01' + CAST(floor(${r('created')} * 730) AS INT) AS created_on,
            CASE WHEN ${r('status')} < 0.25 THEN 'won' WHEN ${r('status')} < 0.75 THEN 'lost' ELSE 'open' END AS status
          FROM range(${rows}) t(i))
  ) TO '${csv}' (HEADER)`)
  return csv
}

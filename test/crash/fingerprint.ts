// Prints a JSON fingerprint of a database, opened as the next command would open it (a
// fresh process): whether it opens, per table its rows, repeated keys and a hash of its
// content, and whether the deals per day are stale or agree with the deals. Used by the
// crash harness: `node --import tsx test/crash/fingerprint.ts DB`.
import { entities, entityNames } from '../../src/model/entities.js'
import { dealDaysCurrent, dealDaysSelects } from '../../src/model/deal-days.js'
import { dealDaysVersionKey } from '../../src/store/data-version.js'
import { openStore } from '../../src/store/open-store.js'

const db = process.argv[2] as string
const out: {
  opens: boolean
  error: string | null
  tables: Record<string, unknown>
  dealDays?: string
} = {
  opens: false,
  error: null,
  tables: {},
}
try {
  const store = await openStore(db)
  out.opens = true
  const asText = store.dialect.name === 'duckdb' ? 'CAST(t AS VARCHAR)' : 't::text'
  const tables = [
    ...entityNames.map((e) => [e, entities[e].key] as const),
    ['opportunity_changes', null] as const,
    ['settings', ['key']] as const,
  ]
  for (const [table, key] of tables) {
    const keys = key ? `COUNT(DISTINCT (${key.map((k) => `t."${k}"`).join(', ')}))` : 'COUNT(*)'
    // The deals per day are the deals' cache, not data: their version is left out here.
    const rows = table === 'settings' ? `WHERE t."key" <> '${dealDaysVersionKey}'` : ''
    const [row] = await store.query(
      `SELECT COUNT(*) AS n, COUNT(*) - ${keys} AS repeated,
              md5(COALESCE(string_agg(${asText}, '|' ORDER BY ${asText}), '')) AS h FROM "${table}" t ${rows}`,
    )
    out.tables[table] = { n: Number(row?.n), repeated: Number(row?.repeated), h: row?.h }
  }
  // Stale (the metrics read the deals), or current and exactly what the deals give.
  out.dealDays = 'stale'
  if (await dealDaysCurrent(store)) {
    let differ = 0
    for (const [table, select] of Object.entries(dealDaysSelects(store.dialect))) {
      const [row] = await store.query(`SELECT COUNT(*) AS n FROM (
          (SELECT * FROM ${table} EXCEPT ALL ${select})
          UNION ALL (${select} EXCEPT ALL SELECT * FROM ${table})) x`)
      differ += Number(row?.n)
    }
    out.dealDays = differ === 0 ? 'current' : `${differ} rows differ from the deals`
  }
  await store.close()
} catch (e) {
  out.error =
    String((e as Error).message)
      .split('\n')[0]
      ?.slice(0, 300) ?? 'unknown'
}
process.stdout.write(`${JSON.stringify(out)}\n`)

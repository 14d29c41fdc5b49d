// Prints a JSON fingerprint of a database, opened as the next command would open it (a
// fresh process): whether it opens, and per table its rows, repeated keys and a hash of
// its content. Used by the crash harness: `node --import tsx test/crash/fingerprint.ts DB`.
import { entities, entityNames } from '../../src/model/entities.js'
import { openStore } from '../../src/store/open-store.js'

const db = process.argv[2] as string
const out: { opens: boolean; error: string | null; tables: Record<string, unknown> } = {
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
    // The deals per close day and the version they were built at go with the deals.
    ['closed_deals_daily', null] as const,
    ['settings', ['key']] as const,
  ]
  for (const [table, key] of tables) {
    const keys = key ? `COUNT(DISTINCT (${key.map((k) => `t."${k}"`).join(', ')}))` : 'COUNT(*)'
    const [row] = await store.query(
      `SELECT COUNT(*) AS n, COUNT(*) - ${keys} AS repeated,
              md5(COALESCE(string_agg(${asText}, '|' ORDER BY ${asText}), '')) AS h FROM "${table}" t`,
    )
    out.tables[table] = { n: Number(row?.n), repeated: Number(row?.repeated), h: row?.h }
  }
  await store.close()
} catch (e) {
  out.error =
    String((e as Error).message)
      .split('\n')[0]
      ?.slice(0, 300) ?? 'unknown'
}
process.stdout.write(`${JSON.stringify(out)}\n`)

/* global process */
// Opens a DuckDB file in a fresh process (no instance cache) and prints a JSON fingerprint:
// whether it opens, and per table: rows, duplicate keys, an order-independent hash of all rows.
// Usage: node bench/crash/check-db.mjs FILE (opening replays and removes its WAL: check a copy)
import { DuckDBInstance } from '@duckdb/node-api'

const keys = {
  reps: ['id'],
  accounts: ['id'],
  leads: ['id'],
  opportunities: ['id'],
  stage_changes: ['opportunity_id', 'stage', 'entered_at'],
  stages: ['pipeline', 'stage'],
  activities: ['id'],
  work_time: ['rep_id', 'period_start', 'period_end'],
  quotas: ['rep_id', 'period_start', 'period_end'],
  spend: ['period_start', 'period_end', 'category', 'channel'],
  forecasts: ['made_on', 'period_start', 'period_end', 'scope', 'category'],
  subscriptions: ['id'],
  fx_rates: ['currency', 'on'],
  targets: ['metric', 'period_start', 'period_end', 'scope'],
  opportunity_changes: null,
  settings: ['key'],
}
const file = process.argv[2]
const out = { opens: false, error: null, tables: {} }
let instance
try {
  instance = await DuckDBInstance.create(file)
  const c = await instance.connect()
  out.opens = true
  for (const [t, key] of Object.entries(keys)) {
    const k = key ? key.map((x) => `"${x}"`).join(', ') : null
    const r = await c.runAndReadAll(
      `SELECT count(*)::BIGINT AS n, ${k ? `count(*) - count(DISTINCT (${k}))` : '0'} AS dup,
              coalesce(sum(hash(t)), 0)::VARCHAR AS h FROM "${t}" t`,
    )
    const [n, dup, h] = r.getRows()[0]
    out.tables[t] = { n: Number(n), dup: Number(dup), h: String(h) }
  }
  c.closeSync()
} catch (e) {
  out.error = String(e.message ?? e)
    .split('\n')[0]
    .slice(0, 300)
}
process.stdout.write(JSON.stringify(out) + '\n')
process.exit(0)

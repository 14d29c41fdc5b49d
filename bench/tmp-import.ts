import { rmSync } from 'node:fs'
import { importFile } from '../src/ingest/import-file.js'
import { openStore } from '../src/store/open-store.js'
import { seedReference } from './common.js'
const [csv, db] = process.argv.slice(2) as [string, string]
rmSync(db, { force: true })
const store = await openStore(db, { create: true })
await seedReference(store)
const run0 = store.run.bind(store)
const t0 = performance.now()
store.run = async (sql, params) => {
  const t = performance.now(); const c = process.cpuUsage()
  const r = await run0(sql, params)
  const u = process.cpuUsage(c)
  const ms = performance.now() - t
  if (ms > 300) console.log(`${(ms / 1000).toFixed(2)} s wall ${((u.user + u.system) / 1e6).toFixed(2)} s CPU  ${sql.replace(/\s+/g, ' ').slice(0, 90)}`)
  return r
}
await importFile(store, 'opportunities', csv, { observedAt: '2026-06-30T12:00:00Z' })
console.log(`import ${((performance.now() - t0) / 1000).toFixed(1)} s, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
await store.close()

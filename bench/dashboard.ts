/**
 * Benchmark (not a test): the dashboard's server time. The home page's first load — the
 * starter seven with their change against the previous period and a year ago, and
 * 8-quarter sparklines — is one batch request; it is timed at 1M opportunities through
 * the HTTP app in process, next to a hand-written single SQL query of the core figures
 * over the same database (the floor). A single metrics query is timed at 100k.
 *
 *   npm run bench:dashboard
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { generateDemo } from '../src/demo/generate-demo.js'
import { starterMetrics } from '../src/metrics/catalog.js'
import { createApp } from '../src/server/app.js'
import { openStore } from '../src/store/open-store.js'
import { asOf, dir, medianMs } from './common.js'

// The home page's quarter: Q2 2026, as of its last day.
const quarter = { from: '2026-04-01', to: '2026-06-30' }
mkdirSync(dir, { recursive: true })

async function demo(opportunities: number) {
  const path = join(dir, `dashboard-${opportunities}.duckdb`)
  const fresh = !existsSync(path)
  const store = await openStore(path, { create: true })
  if (fresh) await generateDemo(store, { seed: 42, scale: opportunities / 4000, asOf })
  return store
}

const homePage = {
  queries: [
    { metrics: [...starterMetrics], ...quarter, compare: 'previous', asOf },
    { metrics: [...starterMetrics], ...quarter, compare: 'year_ago', asOf },
    { metrics: [...starterMetrics], from: '2024-07-01', to: quarter.to, grain: 'quarter', asOf },
  ],
}

async function post(app: ReturnType<typeof createApp>, path: string, body: unknown) {
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

const floorSql = `SELECT
    SUM(o.amount * CASE WHEN o.currency = 'USD' THEN 1 ELSE fx.rate END) FILTER (WHERE status = 'won') AS revenue,
    COUNT(*) FILTER (WHERE status = 'won') AS won,
    COUNT(*) FILTER (WHERE status IN ('won', 'lost')) AS closed
  FROM opportunities o ASOF LEFT JOIN fx_rates fx ON fx.currency = o.currency AND o.closed_on >= fx."on"
  WHERE o.closed_on BETWEEN DATE '${quarter.from}' AND DATE '${quarter.to}'`

console.log(
  `Miernik dashboard benchmark (server time, median of 5), ${new Date().toISOString().slice(0, 10)}`,
)
for (const opportunities of [100_000, 1_000_000]) {
  const store = await demo(opportunities)
  // A fresh app for every request: its answers cache would otherwise time a lookup.
  const app = () => createApp({ store, today: () => asOf, log: console.error })
  const home = await medianMs(() => post(app(), '/api/metrics/batch', homePage))
  const one = await medianMs(() =>
    post(app(), '/api/metrics', { metrics: ['win_rate'], ...quarter, asOf }),
  )
  const floor = await medianMs(() => store.query(floorSql))
  const label = `${(opportunities / 1000).toLocaleString('en-US')}k opportunities`
  console.log(
    `${label.padEnd(22)} home page (starter seven, 2 comparisons, 8-quarter sparklines): ${home.toFixed(0).padStart(5)} ms   target ${opportunities >= 1_000_000 ? '< 1000 ms' : '—'}`,
  )
  console.log(
    `${''.padEnd(22)} one metrics query (win_rate, a quarter):                        ${one.toFixed(0).padStart(5)} ms   target ${opportunities <= 100_000 ? '< 200 ms' : '—'}`,
  )
  console.log(
    `${''.padEnd(22)} floor: one hand-written query of revenue, won, closed:          ${floor.toFixed(0).padStart(5)} ms`,
  )
  await store.close()
}

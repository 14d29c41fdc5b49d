/**
 * Load benchmark (not a test): `miernik serve` on the demo company, 100 connections asking
 * for the dashboard's home page at once for 15 s, with autocannon; latencies and failures
 * printed per scale. The home page is one batch request (the starter seven against the
 * previous quarter and a year ago, and 8-quarter sparklines). Targets (issue 11): at scale
 * 50, p99 under 3 s and no request failing; at scale 1, p99 under 1 s.
 *
 *   npm run bench:load            (SCALES=1 npm run bench:load for a quick run)
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import { starterMetrics } from '../src/metrics/catalog.js'
import { asOf, dir } from './common.js'

const scales = (process.env.SCALES ?? '1,50').split(',').map(Number)
const quarter = { from: '2026-04-01', to: '2026-06-30' }
const home = {
  queries: [
    { metrics: [...starterMetrics], ...quarter, compare: 'previous', asOf },
    { metrics: [...starterMetrics], ...quarter, compare: 'year_ago', asOf },
    { metrics: [...starterMetrics], from: '2024-07-01', to: quarter.to, grain: 'quarter', asOf },
  ],
}
const miernik = (args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })

async function demo(scale: number): Promise<string> {
  const db = join(dir, `load-${scale}.duckdb`)
  if (existsSync(db)) return db
  const child = miernik(['demo', '--db', db, '--scale', String(scale), '--as-of', asOf])
  await new Promise((resolve) => child.on('exit', resolve))
  return db
}

async function serve(db: string, port: number) {
  const child = miernik(['serve', '--db', db, '--port', String(port), '--as-of', asOf])
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/api/catalog`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) return child
    await sleep(100)
  }
  throw new Error('the server did not start')
}

console.log(`Miernik load benchmark: 100 connections, home page request, 15 s per scale`)
for (const scale of scales) {
  const db = await demo(scale)
  const port = 18_700 + scale
  const server = await serve(db, port)
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/api/metrics/batch`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(home),
      connections: 100,
      duration: 15,
      timeout: 30,
    })
    const failed = result.errors + result.timeouts + result.non2xx
    const target = scale >= 50 ? 3000 : 1000
    console.log(
      `scale ${String(scale).padStart(3)} (${(scale * 4000).toLocaleString('en-US')} deals): ${result.requests.total} requests, ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms, ` +
        `failed ${failed}   target p99 < ${target} ms, none failing: ${result.latency.p99 < target && failed === 0 ? 'met' : 'NOT MET'}`,
    )
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.on('exit', resolve))
  }
}

/**
 * One step of the scale benchmark (bench/scale.ts), run as its own process so its peak
 * memory is its own. Prints one JSON line of figures.
 *
 *   tsx bench/scale-step.ts seed DB          fx rates, reps and quotas the deals refer to
 *   tsx bench/scale-step.ts in-process DB    catalogue (also from the deals alone), by rep, home
 *                                            page, drill-down and their floors
 */
import { starterMetrics } from '../src/metrics/catalog.js'
import { compute } from '../src/metrics/compute.js'
import { createApp } from '../src/server/app.js'
import { dealDaysVersionKey } from '../src/store/data-version.js'
import { openStore } from '../src/store/open-store.js'
import type { Store } from '../src/store/store.js'
import { asOf, medianMs, quarter, seedReference, catalogueQuery } from './common.js'
import { catalogueFloorSql } from './floor/floor-sql.mjs'

const [step, db] = process.argv.slice(2)
// The home page's quarter: the one the as-of date ends.
const home = { from: '2026-04-01', to: '2026-06-30' }

async function inProcess(path: string) {
  const store = await openStore(path)
  const query = catalogueQuery()
  const floorSql = catalogueFloorSql(quarter.from, quarter.to, asOf)
  const figures = {
    catalogue: await medianMs(() => compute(store, query), 3),
    catalogueFloor: await medianMs(() => store.query(floorSql), 3),
    catalogueDirect: await withoutClosedDaily(store, () =>
      medianMs(() => compute(store, query), 3),
    ),
    byRep: await medianMs(() => compute(store, { ...query, by: ['rep'] }), 3),
    home: 0,
    homeFloor: await medianMs(() => store.query(catalogueFloorSql(home.from, home.to, asOf)), 3),
    drill: 0,
    drillFloor: await medianMs(
      () =>
        store.query(`SELECT id, name, owner_id, account_id, closed_on, amount, currency, COUNT(*) OVER () AS total
          FROM opportunities WHERE status = 'won' AND closed_on BETWEEN DATE '${quarter.from}' AND DATE '${quarter.to}'
          ORDER BY closed_on, id LIMIT 50`),
      3,
    ),
  }
  // A fresh app for every request: its answers cache would otherwise time a lookup.
  const app = () => createApp({ store, today: () => asOf, log: console.error })
  const homePage = {
    queries: [
      { metrics: [...starterMetrics], ...home, compare: 'previous', asOf },
      { metrics: [...starterMetrics], ...home, compare: 'year_ago', asOf },
      { metrics: [...starterMetrics], from: '2024-07-01', to: home.to, grain: 'quarter', asOf },
    ],
  }
  figures.home = await medianMs(async () => {
    const res = await app().request('/api/metrics/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(homePage),
    })
    if (res.status !== 200) throw new Error(`home page: ${res.status} ${await res.text()}`)
    await res.json()
  }, 3)
  figures.drill = await medianMs(async () => {
    const res = await app().request(
      `/api/drilldown?metric=total_revenue&part=numerator&from=${quarter.from}&to=${quarter.to}&asOf=${asOf}`,
    )
    if (res.status !== 200) throw new Error(`drill-down: ${res.status} ${await res.text()}`)
    await res.json()
  }, 3)
  await store.close()
  return figures
}

/** `fn` with the deals per close day marked stale (the metrics read the deals), then restored. */
async function withoutClosedDaily<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const key = [dealDaysVersionKey]
  const [row] = await store.query(`SELECT "value" FROM settings WHERE "key" = $1`, key)
  await store.run(`UPDATE settings SET "value" = 'stale' WHERE "key" = $1`, key)
  try {
    return await fn()
  } finally {
    await store.run(`UPDATE settings SET "value" = $1 WHERE "key" = $2`, [
      String(row?.value),
      ...key,
    ])
  }
}

if (step === 'seed') {
  const store = await openStore(db, { create: true })
  await seedReference(store)
  await store.close()
  console.log('{}')
} else if (step === 'in-process') {
  console.log(JSON.stringify(await inProcess(db as string)))
} else throw new Error(`scale-step: unknown step ${step}`)

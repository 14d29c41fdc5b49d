import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '../../src/metrics/catalog.js'
import { compute } from '../../src/metrics/compute.js'
import { qualityReport } from '../../src/quality/report.js'
import { createApp } from '../../src/server/app.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { emptyStore, fixture, importDir } from '../helpers.js'

let store: Store
let app: ReturnType<typeof createApp>
const logged: string[] = []
const Q2 = { from: '2026-04-01', to: '2026-06-30' }

beforeAll(async () => {
  // The win-rate fixture (3 won / 12 closed in Q2), in a store kept for the whole file
  // (emptyStore's are closed after each test).
  store = await openStore(':memory:', { create: true })
  await importDir(store, fixture('win-rate'))
  app = createApp({ store, today: () => '2026-09-30', log: (m) => logged.push(m) })
})

afterAll(async () => store.close())

/** One request; the JSON body loosely typed (the assertions check its shape). */
async function call(method: string, path: string, body?: unknown, on = app) {
  const res = await on.request(path, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    headers: { 'content-type': 'application/json' },
  })
  const text = await res.text()
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: any = undefined
  try {
    json = JSON.parse(text)
  } catch {
    // CSV and other text bodies
  }
  return { status: res.status, json, text, type: res.headers.get('content-type') ?? '' }
}
const get = (path: string) => call('GET', path)
const post = (path: string, body: unknown) => call('POST', path, body)
const put = (path: string, body: unknown) => call('PUT', path, body)
const drill = (params: string) => get(`/api/drilldown?from=${Q2.from}&to=${Q2.to}&${params}`)

describe('HTTP API', () => {
  it('GET /api/catalog lists the metrics and the starter seven', async () => {
    const { status, json } = await get('/api/catalog')
    expect(status).toBe(200)
    expect(json.metrics).toHaveLength(catalog.length)
    expect(json.starter).toHaveLength(7)
    expect(json.metrics[0]).toMatchObject({
      id: 'total_revenue',
      names: { pl: 'Przychody ogółem' },
      unit: 'currency',
    })
  })

  it('POST /api/metrics returns the same rows as the library, as of today by default', async () => {
    const query = { metrics: ['win_rate', 'total_revenue'], ...Q2, by: ['segment' as const] }
    const { status, json } = await post('/api/metrics', query)
    expect(status).toBe(200)
    expect(json.rows).toEqual(await compute(store, { ...query, asOf: '2026-09-30' }))
    expect(json.rows[0]).toMatchObject({
      group: { segment: 'enterprise' },
      numerator: 2,
      denominator: 4,
    })
  })

  it('POST /api/metrics/batch answers several queries at once', async () => {
    const { json } = await post('/api/metrics/batch', {
      queries: [
        { metrics: ['win_rate'], ...Q2 },
        { metrics: ['win_rate'], ...Q2, compare: 'previous', asOf: '2026-05-31' },
      ],
    })
    expect(json.results).toHaveLength(2)
    expect(json.results[0].rows[0]).toMatchObject({ value: 0.25, numerator: 3, denominator: 12 })
    expect(json.results[1].rows[0]).toHaveProperty('previous')
  })

  it('a batch computed together gives each query the rows it would get alone', async () => {
    const queries = [
      {
        metrics: ['win_rate', 'total_revenue', 'revenue_growth'],
        ...Q2,
        compare: 'previous' as const,
      },
      { metrics: ['win_rate', 'revenue_growth'], ...Q2, compare: 'year_ago' as const },
      {
        metrics: ['total_revenue', 'win_rate'],
        from: '2025-07-01',
        to: Q2.to,
        grain: 'quarter' as const,
      },
      { metrics: ['win_rate'], ...Q2, by: ['segment' as const] },
    ]
    const { json } = await post('/api/metrics/batch', { queries })
    for (const [i, q] of queries.entries()) {
      expect(json.results[i].rows).toEqual(await compute(store, { ...q, asOf: '2026-09-30' }))
    }
  })

  it.each([
    ['unknown metric', { metrics: ['nope'], ...Q2 }, 'METRIC_NOT_FOUND'],
    ['bad date', { metrics: ['win_rate'], from: '2026-13-01', to: '2026-06-30' }, 'INVALID_QUERY'],
    [
      'end before start',
      { metrics: ['win_rate'], from: '2026-06-30', to: '2026-04-01' },
      'INVALID_PERIOD',
    ],
    ['unknown grouping', { metrics: ['win_rate'], ...Q2, by: ['planet'] }, 'INVALID_QUERY'],
    ['unknown field', { metrics: ['win_rate'], ...Q2, colour: 'red' }, 'INVALID_QUERY'],
    [
      'bad forecast date',
      { metrics: ['forecast_bias'], ...Q2, forecastMadeBefore: 'March' },
      'INVALID_QUERY',
    ],
    ['not JSON', '{nope', 'INVALID_JSON'],
  ])('a bad query (%s) is a 400 with {code, message}', async (_, query, code) => {
    const { status, json } = await post('/api/metrics', query)
    expect(status).toBe(400)
    expect(json.code).toBe(code)
    expect(typeof json.message).toBe('string')
  })

  it('POST /api/metrics judges the forecast made before forecastMadeBefore', async () => {
    // The forecast fixture: Q2 commit forecasts of 700k (Feb 1) and 900k (Mar 15), 1M won.
    const forecasts = await openStore(':memory:', { create: true })
    try {
      await importDir(forecasts, fixture('forecast'))
      const on = createApp({ store: forecasts, today: () => '2026-09-30', log: () => {} })
      const query = { metrics: ['forecast_accuracy', 'forecast_bias'], ...Q2 }
      const values = async (extra: object) =>
        (await call('POST', '/api/metrics', { ...query, ...extra }, on)).json.rows.map(
          (r: { value: number }) => Number(r.value.toFixed(12)),
        )
      expect(await values({})).toEqual([0.9, -0.1])
      expect(await values({ forecastMadeBefore: '2026-03-01' })).toEqual([0.7, -0.3])
    } finally {
      await forecasts.close()
    }
  })

  it('an unsupported grouping is a row with a reason, not an error', async () => {
    const query = { metrics: ['customer_acquisition_cost'], ...Q2, by: ['rep'] }
    const { json } = await post('/api/metrics', query)
    expect(json.rows[0]).toMatchObject({ value: null, reason: 'unsupported_grouping' })
  })

  it('drill-down lists as many records as the denominator, with the formula filled in', async () => {
    const { status, json } = await drill(
      'metric=win_rate&part=denominator&page_size=5&sort=amount&order=desc',
    )
    expect(status).toBe(200)
    expect(json.total).toBe(12)
    expect(json.denominator).toBe(12)
    expect(json.rows).toHaveLength(5)
    expect(json.formula).toBe('Win rate 25.0% = 3 won / 12 closed')
    const amounts = json.rows.map((r: { amount: number }) => r.amount)
    expect(amounts).toEqual([...amounts].sort((a: number, b: number) => b - a))
  })

  it('drill-down of a group and the numerator; CSV export of every record', async () => {
    const group = encodeURIComponent(JSON.stringify({ segment: 'enterprise' }))
    const { json } = await drill(`metric=win_rate&part=numerator&group=${group}`)
    expect(json.total).toBe(2)
    expect(json.rows.every((r: { status: string }) => r.status === 'won')).toBe(true)
    const csv = await drill('metric=win_rate&format=csv')
    expect(csv.type).toContain('text/csv')
    const lines = csv.text.trim().split('\n')
    expect(lines).toHaveLength(13)
    expect(lines[0]).toContain('id,name,owner_id')
  })

  it('drill-down of a part without records is a 400', async () => {
    const { status, json } = await drill('metric=customer_lifetime_value')
    expect(status).toBe(400)
    expect(json.message).toContain('no records')
  })

  it('GET /api/funnel gives the stages in order, with cumulative conversion', async () => {
    const funnelStore = await emptyStore()
    await importDir(funnelStore, fixture('funnel'))
    const funnelApp = createApp({ store: funnelStore, today: () => '2026-09-30', log: () => {} })
    const { json } = await call(
      'GET',
      `/api/funnel?from=${Q2.from}&to=${Q2.to}`,
      undefined,
      funnelApp,
    )
    const rows = await compute(funnelStore, {
      metrics: ['stage_conversion'],
      ...Q2,
      asOf: '2026-09-30',
    })
    expect(rows.length).toBeGreaterThan(2)
    const stages = json.pipelines[0].stages
    expect(stages.map((s: { stage: string }) => s.stage)).toEqual(rows.map((r) => r.group.stage))
    expect(stages.map((s: { reached: number }) => s.reached)).toEqual(
      rows.map((r) => r.denominator),
    )
    expect(stages[0].cumulative).toBe(1)
  })

  it('GET /api/periods resolves periods; a bad one is a 400', async () => {
    expect((await get('/api/periods?period=2026-Q2')).json).toEqual({ ...Q2, grain: 'quarter' })
    const bad = await get('/api/periods?period=2026-Q9')
    expect(bad.status).toBe(400)
    expect(bad.json.code).toBe('INVALID_PERIOD')
  })

  it('GET /api/dimensions lists values; an unknown dimension is a 404', async () => {
    const { json } = await get('/api/dimensions/segment')
    expect(json.values.map((v: { value: string }) => v.value)).toEqual(['enterprise', 'smb'])
    expect((await get('/api/dimensions/planet')).status).toBe(404)
  })

  it('settings: tracked metrics default to the starter seven and are stored', async () => {
    const before = (await get('/api/settings')).json
    expect(before.tracked_metrics).toHaveLength(7)
    expect(before.as_of).toBe('2026-09-30')
    const after = await put('/api/settings/tracked_metrics', {
      value: ['win_rate', 'total_revenue'],
    })
    expect(after.json.tracked_metrics).toEqual(['win_rate', 'total_revenue'])
    expect((await get('/api/settings')).json.tracked_metrics).toEqual(['win_rate', 'total_revenue'])
    expect((await put('/api/settings/tracked_metrics', { value: ['nope'] })).status).toBe(400)
    expect((await put('/api/settings/base_currency', { value: 'EURO' })).status).toBe(400)
    expect((await put('/api/settings/colour', { value: 'red' })).status).toBe(404)
  })

  it('GET /api/openapi.json describes every endpoint', async () => {
    const { json } = await get('/api/openapi.json')
    expect(json.openapi).toBe('3.1.0')
    expect(Object.keys(json.paths)).toEqual(
      expect.arrayContaining([
        '/api/metrics',
        '/api/metrics/batch',
        '/api/drilldown',
        '/api/funnel',
      ]),
    )
    expect(json.components.schemas.MetricQuery.properties.metrics).toBeDefined()
    expect(json.components.schemas.MetricQuery.properties.forecastMadeBefore).toBeDefined()
  })

  it('an unknown API path is a 404; a failure is a bland 500, details only in the log', async () => {
    expect((await get('/api/nope')).status).toBe(404)
    const broken = await emptyStore()
    await broken.close()
    const failing = createApp({
      store: broken,
      today: () => '2026-09-30',
      log: (m) => logged.push(m),
    })
    const res = await call('GET', '/api/settings', undefined, failing)
    expect(res.status).toBe(500)
    expect(res.json).toEqual({ code: 'INTERNAL', message: 'internal server error' })
    expect(logged.some((m) => m.includes('GET /api/settings'))).toBe(true)
  })
})

describe('GET /api/quality', () => {
  it('the checks of miernik quality with full counts, records up to limit, words in both languages', async () => {
    const { status, json } = await call('GET', '/api/quality?limit=1&asOf=2026-09-30')
    expect(status).toBe(200)
    const report = await qualityReport(store, { asOf: '2026-09-30' })
    expect(json.checks.map((c: { id: string }) => c.id)).toEqual(report.checks.map((c) => c.id))
    for (const c of report.checks) {
      const got = json.checks.find((x: { id: string }) => x.id === c.id)
      expect(got.count, c.id).toBe(c.count)
      expect(got.records.length, c.id).toBe(Math.min(1, c.count))
      expect(got.description.en).toBe(c.description)
      expect(got.description.pl).toBe(c.description_pl)
    }
    expect((await call('GET', '/api/quality?limit=5000')).status).toBe(400)
    expect((await call('GET', '/api/quality?asOf=yesterday')).status).toBe(400)
  })
})

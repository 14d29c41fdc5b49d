import { describe, expect, it } from 'vitest'
import { ComputeGate } from '../../src/server/compute-gate.js'
import { createApp } from '../../src/server/app.js'
import { ResultCache } from '../../src/server/result-cache.js'
import { writeSetting } from '../../src/store/settings.js'
import type { Store } from '../../src/store/store.js'
import { fixture, storeWith } from '../helpers.js'

/** A server that holds under load and under abuse (issue 11). */
async function app(gate?: ComputeGate) {
  const store = await storeWith(fixture('win-rate'))
  let queries = 0
  const counted: Store = Object.assign(Object.create(store) as Store, {
    query: (sql: string, params?: readonly unknown[]) => {
      queries++
      return store.query(sql, params)
    },
  })
  const server = createApp({
    store: counted,
    today: () => '2026-09-30',
    log: () => {},
    ...(gate ? { gate } : {}),
  })
  const post = (path: string, body: unknown) =>
    server.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return { store, server, post, queries: () => queries }
}

const q2 = { from: '2026-04-01', to: '2026-06-30' }

describe('the API refuses what it should not do, with the right status', () => {
  it('a body over 256 KB: 413', async () => {
    const { post } = await app()
    const res = await post('/api/metrics', {
      metrics: ['win_rate'],
      ...q2,
      pad: 'x'.repeat(300_000),
    })
    expect(res.status).toBe(413)
  })

  it('a NUL character anywhere: 400, never a 500', async () => {
    const { server, post } = await app()
    const body = await post('/api/metrics', {
      metrics: ['win_rate'],
      ...q2,
      filters: { rep: ['r1\u0000'] },
    })
    expect(body.status).toBe(400)
    const url = await server.request(
      '/api/drilldown?metric=win_rate&from=2026-04-01&to=2026-06-30&group=%7B%22rep%22%3A%22r%00%22%7D',
    )
    expect(url.status).toBe(400)
  })

  it('more work than one request may ask: 400 naming the limit', async () => {
    const { post } = await app()
    const res = await post('/api/metrics', {
      metrics: ['win_rate', 'total_revenue', 'average_deal_size', 'lost_deal_rate'],
      from: '1900-01-01',
      to: '2026-12-31',
      grain: 'month',
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toContain(
      '5,000 period × metric cells',
    )
  })

  it('a metric asked twice is answered once', async () => {
    const { post } = await app()
    const res = await post('/api/metrics', { metrics: ['win_rate', 'win_rate'], ...q2 })
    expect(((await res.json()) as { rows: unknown[] }).rows).toHaveLength(1)
  })

  it('a wrong method on a path the API has: 405 with Allow', async () => {
    const { server } = await app()
    const res = await server.request('/api/metrics')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect((await server.request('/api/catalog', { method: 'DELETE' })).status).toBe(405)
    expect((await server.request('/api/nothing')).status).toBe(404)
  })
})

describe('the same question costs one computation per version of the data', () => {
  it('asked again, it is answered from the cache; after a write, computed again', async () => {
    const { store, post, queries } = await app()
    const ask = async () =>
      (await (
        await post('/api/metrics/batch', { queries: [{ metrics: ['win_rate'], ...q2 }] })
      ).json()) as unknown
    const first = await ask()
    const afterFirst = queries()
    expect(await ask()).toEqual(first)
    // Only the settings and the data version were read the second time.
    expect(queries() - afterFirst).toBeLessThanOrEqual(2)
    await writeSetting(store, 'customer_lifetime_years', '4')
    const beforeThird = queries()
    await ask()
    expect(queries() - beforeThird).toBeGreaterThan(2)
  })

  it('a computation stops when every client waiting for it has gone, not before', async () => {
    const cache = new ResultCache<string>()
    let stopped = false
    const slow = (signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        signal.addEventListener('abort', () => {
          stopped = true
          reject(new Error('stopped'))
        })
        setTimeout(() => resolve('done'), 50)
      })
    const a = new AbortController()
    const b = new AbortController()
    const first = cache.get('1', 'k', slow, a.signal)
    const second = cache.get('1', 'k', slow, b.signal)
    expect(first).toBe(second)
    a.abort()
    expect(stopped).toBe(false)
    expect(await second).toBe('done')
    const c = new AbortController()
    const third = cache.get('2', 'k', slow, c.signal)
    c.abort()
    await expect(third).rejects.toThrow('stopped')
    expect(stopped).toBe(true)
  })
})

describe('a bounded number of computations at once', () => {
  it('beyond the running and waiting ones: 503 with Retry-After', async () => {
    const gate = new ComputeGate(1, 0)
    const { post } = await app(gate)
    const different = (i: number) =>
      post('/api/metrics', { metrics: ['win_rate'], ...q2, asOf: `2026-09-${10 + i}` })
    const answers = await Promise.all([different(0), different(1), different(2)])
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toContain(200)
    expect(statuses).toContain(503)
    const busy = answers.find((r) => r.status === 503)
    expect(busy?.headers.get('retry-after')).toBe('2')
  })
})

/**
 * The dashboard's files: sent compressed as the build left them (brotli or gzip, whichever
 * the browser accepts), hashed assets cached for a year, the page itself checked each time.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { ensureDashboardBuilt, webDir } from '../web/browser.js'

let store: Store
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  ensureDashboardBuilt()
  store = await openStore(':memory:', { create: true })
  app = createApp({ store, today: () => '2026-06-30', log: () => {}, webDir })
}, 120_000)
afterAll(async () => store.close())

const script = () => {
  const name = readdirSync(join(webDir, 'assets')).find((f) => /^index-.*\.js$/.test(f))
  if (!name) throw new Error('no index-*.js in the build')
  return name
}

describe('static files', () => {
  it('a hashed script: brotli when accepted, immutable for a year, the same bytes unpacked', async () => {
    const name = script()
    const original = readFileSync(join(webDir, 'assets', name))
    const res = await app.request(`/assets/${name}`, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('br')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    const body = Buffer.from(await res.arrayBuffer())
    expect(body.length).toBeLessThan(original.length / 2)
    expect(brotliDecompressSync(body).equals(original)).toBe(true)
  })

  it('gzip for a browser without brotli; as it is for one that accepts neither', async () => {
    const name = script()
    const original = readFileSync(join(webDir, 'assets', name))
    const gz = await app.request(`/assets/${name}`, { headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(original)).toBe(true)
    const plain = await app.request(`/assets/${name}`)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(Buffer.from(await plain.arrayBuffer()).equals(original)).toBe(true)
  })

  it('the page and deep links are checked each time (a new release shows at once)', async () => {
    for (const path of ['/', '/team', '/funnel?period=2026-Q2']) {
      const res = await app.request(path, { headers: { 'accept-encoding': 'br' } })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('cache-control'), path).toBe('no-cache')
      const text =
        res.headers.get('content-encoding') === 'br'
          ? brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()
          : await res.text()
      expect(text, path).toContain('<div id="root">')
    }
  })
})

/**
 * The dashboard follows the data: an import while it is open changes the numbers on screen
 * without a reload (the status poll sees the data version move); generated data says so; an
 * empty database shows what to load, and turns into the dashboard when data lands.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compute } from '../../src/metrics/compute.js'
import { importFile } from '../../src/ingest/import-file.js'
import { readSettings } from '../../src/store/settings.js'
import {
  AS_OF,
  ensureDashboardBuilt,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
  waitForCardValues,
  waitForData,
  type TestServer,
} from './browser.js'

/** Runs in the page: the window gets focus back (as when the user returns to it). */
const focusWindow = () => {
  const g = globalThis as unknown as {
    dispatchEvent(e: unknown): void
    Event: new (t: string) => unknown
  }
  g.dispatchEvent(new g.Event('focus'))
}

const Q2 = { period: '2026-Q2', from: '2026-04-01', to: '2026-06-30' }

describe('the dashboard follows the data', { timeout: 120_000 }, () => {
  let browser: Browser
  let dir: string
  const servers: TestServer[] = []

  beforeAll(async () => {
    ensureDashboardBuilt()
    browser = await launchBrowser()
    dir = mkdtempSync(join(tmpdir(), 'miernik-refresh-'))
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    for (const s of servers) await s.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function revenue(srv: TestServer): Promise<number> {
    const [row] = await compute(
      srv.store,
      { metrics: ['total_revenue'], from: Q2.from, to: Q2.to, grain: 'all', asOf: AS_OF },
      await readSettings(srv.store),
    )
    return row?.value ?? Number.NaN
  }

  it('an import while the page is open moves the cards; the demo is said to be generated', async () => {
    const srv = await startServer()
    servers.push(srv)
    const { page, errors } = await openPage(browser, srv.url)
    await page.goto(`/revenue?period=${Q2.period}&lang=en`)
    await waitForData(page, '[data-testid="card-value-total_revenue"]', 'the home cards')
    const before = await revenue(srv)
    expect(await page.getByTestId('card-value-total_revenue').getAttribute('data-value')).toBe(
      String(before),
    )
    await expect(page.getByTestId('demo-banner').innerText()).resolves.toContain('seed 42')

    // One more deal won in May: 12,345 more revenue in Q2.
    const file = join(dir, 'won.csv')
    writeFileSync(
      file,
      'id,account_id,owner_id,status,amount,currency,created_on,closed_on\n' +
        'refresh-1,,,won,12345,USD,2026-05-02,2026-05-20\n',
    )
    await importFile(srv.store, 'opportunities', file)
    const after = await revenue(srv)
    expect(after).toBeCloseTo(before + 12345, 6)

    // Coming back to the window asks at once (the poll would within seconds anyway).
    await page.evaluate(focusWindow)
    const shown = await waitForCardValues(page, { total_revenue: String(after) })
    expect(shown).toEqual({ total_revenue: String(after) })
    expect(errors).toEqual([])
  })

  it('an empty database shows what to load, and the dashboard once data lands', async () => {
    const srv = await startServer({ demo: false })
    servers.push(srv)
    const { page, errors } = await openPage(browser, srv.url)
    await page.goto('/?lang=pl')
    await page.getByTestId('first-run').waitFor()
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Brak danych')
    await expect(page.getByTestId('demo-banner').count()).resolves.toBe(0)
    await screenshot(page, 'first-run-pl')

    const file = join(dir, 'first.csv')
    writeFileSync(
      file,
      'id,status,amount,currency,created_on,closed_on\n' +
        'first-1,won,1000,USD,2026-04-02,2026-04-20\n',
    )
    await importFile(srv.store, 'opportunities', file)
    await page.evaluate(focusWindow)
    await page.getByTestId('first-run').waitFor({ state: 'detached' })
    await page.goto(`/revenue?period=${Q2.period}&lang=en`)
    const shown = await waitForCardValues(page, { total_revenue: '1000' })
    expect(shown).toEqual({ total_revenue: '1000' })
    expect(errors).toEqual([])
  })
})

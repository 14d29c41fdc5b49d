/**
 * The dashboard in a real headless Chromium against the real server: the numbers on the
 * screen are the library's numbers, the view state lives in the URL, drill-downs list the
 * records behind a number, the funnel counts the cohort, Polish switches labels and number
 * formats, and no page logs an error. Every wait is on the page's data, never on the clock.
 */
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { starterMetrics } from '../../src/metrics/catalog.js'
import { compute } from '../../src/metrics/compute.js'
import { funnelView } from '../../src/metrics/funnel-view.js'
import { readSettings } from '../../src/store/settings.js'
import type { ResultRow } from '../../src/metrics/result-row.js'
import {
  AS_OF,
  ensureDashboardBuilt,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
  waitForCardValues,
  waitForData,
  type TestPage,
  type TestServer,
} from './browser.js'

const Q2 = { period: '2026-Q2', from: '2026-04-01', to: '2026-06-30' }
const Q1 = { period: '2026-Q1', from: '2026-01-01', to: '2026-03-31' }
const Q4 = { period: '2025-Q4', from: '2025-10-01', to: '2025-12-31' }
const starter: string[] = [...starterMetrics]

let server: TestServer | undefined
let browser: Browser | undefined
const pages: TestPage[] = []

beforeAll(async () => {
  ensureDashboardBuilt()
  server = await startServer()
  browser = await launchBrowser()
}, 180_000)

afterEach(async () => {
  for (const p of pages.splice(0)) await p.context.close().catch(() => {})
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** A fresh page (own context) at `path`; closed after the test. */
async function open(path: string): Promise<TestPage> {
  if (!browser || !server) throw new Error('the browser or the server did not start')
  const p = await openPage(browser, server.url)
  pages.push(p)
  await p.page.goto(path)
  return p
}

function srv(): TestServer {
  if (!server) throw new Error('the server did not start')
  return server
}

/** The library's rows for a period, as of the server's today. */
async function library(metrics: string[], period: { from: string; to: string }) {
  return compute(srv().store, { metrics, from: period.from, to: period.to, asOf: AS_OF })
}

/** What each card's data-value must hold: the exact API value, '' when null. */
async function expectedCards(period: { from: string; to: string }) {
  const rows = await library(starter, period)
  const expected: Record<string, string> = {}
  for (const id of starter) {
    const row = rows.find((r) => r.metric === id)
    if (!row) throw new Error(`compute() gave no row for ${id}`)
    expected[id] = row.value === null ? '' : String(row.value)
  }
  return expected
}

function onlyRow(rows: ResultRow[], metric: string): ResultRow {
  const matching = rows.filter((r) => r.metric === metric)
  if (matching.length !== 1) throw new Error(`expected one ${metric} row, got ${matching.length}`)
  return matching[0] as ResultRow
}

const query = (url: string) => new URL(url).searchParams
/** Text as shown, with the kinds of space Intl puts in numbers made plain. */
const plain = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim()

// A page's batch takes seconds over the demo company; the whole file runs in about a minute.
describe('dashboard in headless Chromium', { timeout: 120_000 }, () => {
  it('home page cards show the library values of the starter metrics for the period', async () => {
    const { page } = await open(`/?period=${Q2.period}&lang=en`)
    await waitForData(page, '[data-testid^="card-value-"]', 'the metric cards')
    const expected = await expectedCards(Q2)
    expect(Object.values(expected).filter((v) => v !== '').length).toBeGreaterThan(3)
    expect(await waitForCardValues(page, expected)).toEqual(expected)
    // The demo sets a company win-rate target: the card shows it, in the card's unit.
    const rows = await compute(srv().store, {
      metrics: ['win_rate'],
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: '2026-06-30',
    })
    const target = rows[0]?.target
    expect(target).toBeDefined()
    await expect
      .poll(() => page.getByTestId('card-target-win_rate').textContent())
      .toContain(`${((target as number) * 100).toFixed(1)}%`)
  })

  it('a running quarter is compared like for like; a quarter not started shows no zeros', async () => {
    // As of May 15 Q2 has run 45 days: the revenue card says so and compares with Q1 to Feb 14.
    const running = await open(`/?period=${Q2.period}&asof=2026-05-15&lang=en`)
    await waitForData(running.page, '[data-testid="card-value-revenue_growth"]', 'the growth card')
    const [row] = await compute(srv().store, {
      metrics: ['revenue_growth'],
      from: Q2.from,
      to: Q2.to,
      asOf: '2026-05-15',
      compare: 'previous',
    })
    expect(row).toMatchObject({ running: true, previous_through: '2026-02-14' })
    expect(
      await running.page.getByTestId('card-value-revenue_growth').getAttribute('data-value'),
    ).toBe(String(row?.value))
    const card = running.page.getByTestId('card-revenue_growth')
    expect(await card.innerText()).toContain('So far: to May 15, 2026')
    expect(await card.innerText()).toContain('vs previous period to Feb 14, 2026')
    // Q3 as of May 15 has not started: every card says so, none shows a zero.
    const future = await open(`/?period=2026-Q3&asof=2026-05-15&lang=en`)
    await future.page.getByTestId('card-win_rate').getByText('not started yet').waitFor()
    for (const id of starter) {
      const text = await future.page.getByTestId(`card-${id}`).innerText()
      expect(text, id).toContain('not started yet')
      expect(await future.page.getByTestId(`card-value-${id}`).getAttribute('data-value'), id).toBe(
        '',
      )
    }
  })

  it('changing the period in the picker updates the cards and the URL', async () => {
    const { page } = await open(`/?period=${Q2.period}&lang=en`)
    await waitForData(page, '[data-testid^="card-value-"]', 'the metric cards')
    expect(await waitForCardValues(page, await expectedCards(Q2))).toEqual(await expectedCards(Q2))

    const picker = page.getByTestId('period-picker')
    const q1 = await expectedCards(Q1)
    expect(q1).not.toEqual(await expectedCards(Q2)) // the change must be visible on the cards
    await picker.getByRole('combobox', { name: 'Period', exact: true }).selectOption(Q1.period)
    await page.waitForURL((u) => u.searchParams.get('period') === Q1.period)
    expect(await waitForCardValues(page, q1)).toEqual(q1)
    expect(new URL(page.url()).pathname).toBe('/')
    expect(query(page.url()).get('lang')).toBe('en')

    // The step button is the other way to change it.
    const q4 = await expectedCards(Q4)
    await picker.getByRole('button', { name: 'Previous period' }).click()
    await page.waitForURL((u) => u.searchParams.get('period') === Q4.period)
    expect(await waitForCardValues(page, q4)).toEqual(q4)
  })

  it('drill-down from the win rate card lists as many records as the denominator', async () => {
    const row = onlyRow(await library(['win_rate'], Q2), 'win_rate')
    if (row.denominator === null || row.numerator === null)
      throw new Error('win_rate has no denominator in the demo data')
    const { page } = await open(`/?period=${Q2.period}&lang=en`)
    await waitForData(page, '[data-testid="card-value-win_rate"]', 'the win rate card')

    // Each page of records is fetched once: learning the formula must not fetch it again.
    const fetched: URL[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/drilldown')) fetched.push(new URL(r.url()))
    })
    const response = page.waitForResponse((r) => r.url().includes('/api/drilldown'))
    await page.getByTestId('card-value-win_rate').click()
    const api = (await (await response).json()) as { total: number; page_size: number }
    const panel = page.getByTestId('drilldown-panel')
    await panel.waitFor({ state: 'visible' })
    await waitForData(page, '[data-testid="drilldown-total"]', 'the drill-down total')
    expect(query(page.url()).get('drill')).toBe('win_rate')

    const total = page.getByTestId('drilldown-total')
    expect(await total.getAttribute('data-total')).toBe(String(row.denominator))
    expect(api.total).toBe(row.denominator)
    expect(api.page_size).toBeGreaterThan(0)
    expect(await panel.getByTestId('drilldown-row').count()).toBe(
      Math.min(row.denominator, api.page_size),
    )

    // Names, not ids: the account and owner columns show names with the id on hover; the
    // amount in base currency is in view on a laptop screen; statuses are words.
    const first = panel.getByTestId('drilldown-row').first()
    const account = first.locator('td[data-column="account_id"]')
    await expect(account.getAttribute('title')).resolves.toMatch(/^a-\d+$/)
    expect(await account.innerText()).not.toMatch(/^a-\d+$/)
    expect(await first.locator('td[data-column="owner_id"]').innerText()).not.toMatch(/r-\d+/)
    expect(['Won', 'Lost']).toContain(await first.locator('td[data-column="status"]').innerText())
    // Waited for: on a loaded machine the row may be drawn again between two reads.
    const amountCell = first.locator('td[data-column="amount_base"]')
    await amountCell.waitFor({ state: 'visible' })
    const amount = await amountCell.boundingBox()
    expect((amount?.x ?? 9999) + (amount?.width ?? 0)).toBeLessThanOrEqual(1280)

    // The next page: other records, fetched without the row the first page brought.
    if (row.denominator <= api.page_size)
      throw new Error('the demo has too few closed deals in Q2 to page the drill-down')
    const pages = Math.ceil(row.denominator / api.page_size)
    const ids = () =>
      panel
        .getByTestId('drilldown-row')
        .locator('td[data-column="id"]')
        .evaluateAll((cells) => cells.map((c) => c.getAttribute('title') ?? c.textContent))
    const firstPage = await ids()
    expect(fetched.map((u) => u.searchParams.get('page'))).toEqual(['1'])
    await panel.getByRole('button', { name: 'Next page' }).click()
    await page.waitForURL((u) => u.searchParams.get('dpage') === '2')
    await page.waitForFunction(
      (label) =>
        (
          globalThis as unknown as { document: { querySelector(s: string): unknown } }
        ).document.querySelector(`nav.pager[aria-label="${label}"]`) !== null,
      `Page 2 of ${pages}`,
    )
    await panel.locator('.stale').waitFor({ state: 'detached' })
    const secondPage = await ids()
    expect(secondPage).toHaveLength(Math.min(api.page_size, row.denominator - api.page_size))
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([])
    expect(fetched.map((u) => [u.searchParams.get('page'), u.searchParams.get('row')])).toEqual([
      ['1', null],
      ['2', 'false'],
    ])

    // The numerator's records: the deals won (the tabs say what each part counts).
    await panel.getByRole('button', { name: 'Won', exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('dpart') === 'numerator')
    await page.waitForFunction(
      (n) =>
        (
          globalThis as unknown as { document: { querySelector(s: string): unknown } }
        ).document.querySelector(`[data-testid="drilldown-total"][data-total="${n}"]`) !== null,
      row.numerator,
    )
    expect(await panel.getByTestId('drilldown-row').count()).toBe(
      Math.min(row.numerator, api.page_size),
    )
    // Another part has its own formula: its first page brings the row, once.
    expect(fetched.map((u) => [u.searchParams.get('part'), u.searchParams.get('page')])).toEqual([
      ['denominator', '1'],
      ['denominator', '2'],
      ['numerator', '1'],
    ])

    // Closing gives focus back to the value that opened it.
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    const focused = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(n: string): string | null } | null }
          }
        ).document.activeElement?.getAttribute('data-testid') ?? null,
    )
    expect(focused).toBe('card-value-win_rate')
  })

  it("the funnel's first stage counts the opportunities created in the period", async () => {
    const store = srv().store
    const [first] = await store.query(
      `SELECT stage FROM stages WHERE pipeline = 'default' ORDER BY position LIMIT 1`,
    )
    const [cohort] = await store.query(
      `SELECT COUNT(*) AS n FROM opportunities
       WHERE pipeline = 'default' AND created_on BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)`,
      [Q2.from, Q2.to],
    )
    const created = Number(cohort?.n)
    expect(created).toBeGreaterThan(0)

    const { page } = await open(`/funnel?period=${Q2.period}&lang=en`)
    await waitForData(page, '[data-testid^="funnel-stage-"]', 'the funnel stages')
    const firstRow = page.locator('[data-testid^="funnel-stage-"]').first()
    expect(await firstRow.getAttribute('data-testid')).toBe(`funnel-stage-${first?.stage}`)
    expect(await firstRow.getAttribute('data-reached')).toBe(String(created))

    // Each stage splits the deals that stopped there into lost and still open, as the API says.
    const view = await funnelView(
      srv().store,
      { from: Q2.from, to: Q2.to, asOf: AS_OF, pipeline: 'default' },
      await readSettings(srv().store),
    )
    const stages = view.pipelines[0]?.stages ?? []
    expect(stages.some((s) => (s.lost ?? 0) > 0 && (s.still_open ?? 0) > 0)).toBe(true)
    for (const s of stages) {
      await expect(
        page.getByTestId(`funnel-lost-${s.stage}`).getAttribute('data-value'),
        s.stage,
      ).resolves.toBe(String(s.lost ?? ''))
      await expect(
        page.getByTestId(`funnel-open-${s.stage}`).getAttribute('data-value'),
        s.stage,
      ).resolves.toBe(String(s.still_open ?? ''))
    }
  })

  it('the language toggle switches labels and number formats', async () => {
    const row = onlyRow(await library(['win_rate'], Q2), 'win_rate')
    if (row.value === null) throw new Error('win_rate has no value in the demo data')
    const percent = (row.value * 100).toFixed(1)
    const { page } = await open(`/?period=${Q2.period}&lang=en`)
    await waitForData(page, '[data-testid="card-value-win_rate"]', 'the win rate card')
    const card = page.getByTestId('card-win_rate')
    const value = page.getByTestId('card-value-win_rate')
    await card.getByText('Win rate', { exact: true }).waitFor()
    expect(plain(await value.innerText())).toBe(`${percent}%`)

    await page.getByTestId('lang-toggle').click()
    await page.waitForURL((u) => u.searchParams.get('lang') === 'pl')
    await card.getByText('Wskaźnik wygranych', { exact: true }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('pl')
    expect(plain(await page.getByTestId('nav-home').innerText())).toBe('Pulpit')
    const polish = plain(await value.innerText())
    expect(polish).toMatch(/^\d{1,3},\d ?%$/)
    expect(polish.replace(' ', '')).toBe(`${percent.replace('.', ',')}%`)
    expect(await value.getAttribute('data-value')).toBe(String(row.value)) // same number
    // The drill-down's formula is in Polish too, with Polish number formats.
    await value.click()
    const formula = page.getByTestId('drilldown-formula')
    await formula.waitFor()
    const text = plain(await formula.innerText())
    expect(text).toContain('Wskaźnik wygranych')
    expect(text).toContain('wygranych /')
    expect(text.replace(/ /g, '')).toContain(`${percent.replace('.', ',')}%`)
    await page.keyboard.press('Escape')

    await page.getByTestId('lang-toggle').click()
    await page.waitForURL((u) => u.searchParams.get('lang') === 'en')
    await card.getByText('Win rate', { exact: true }).waitFor()
  })

  it('every page renders without console errors; screenshots of each', async () => {
    const { page, errors } = await open(`/?period=${Q2.period}&lang=en`)
    const cards = '[data-testid^="card-value-"]'
    await waitForData(page, cards, 'the home cards')
    await screenshot(page, 'home')

    const categories = ['revenue', 'conversion', 'pipeline', 'customers'] as const
    for (const name of categories) {
      await page.getByTestId(`nav-${name}`).click()
      await page.waitForURL((u) => u.pathname === `/${name}`)
      await waitForData(page, cards, `the ${name} cards`)
      expect(query(page.url()).get('period')).toBe(Q2.period) // the view state travels along
      await screenshot(page, name)
    }

    await page.getByTestId('nav-team').click()
    await page.waitForURL((u) => u.pathname === '/team')
    await waitForData(page, '[data-testid^="leaderboard-row-"]', 'the leaderboard')
    await screenshot(page, 'team')

    // A rep's scorecard, from the first leaderboard row.
    const leader = page.locator('[data-testid^="leaderboard-row-"]').first()
    const rep = (await leader.getAttribute('data-testid'))?.slice('leaderboard-row-'.length)
    expect(rep).toBeTruthy()
    await leader.getByRole('link').first().click()
    await page.waitForURL((u) => u.pathname === `/team/${encodeURIComponent(rep ?? '')}`)
    await waitForData(page, cards, 'the scorecard cards')
    await screenshot(page, 'scorecard')

    await page.getByTestId('nav-funnel').click()
    await page.waitForURL((u) => u.pathname === '/funnel')
    await waitForData(page, '[data-testid^="funnel-stage-"]', 'the funnel stages')
    await screenshot(page, 'funnel')

    // A drill-down open: the records behind the win rate, from the home page; Escape closes it.
    await page.getByTestId('nav-home').click()
    await page.waitForURL((u) => u.pathname === '/')
    await waitForData(page, '[data-testid="card-value-win_rate"]', 'the home cards')
    await page.getByTestId('card-value-win_rate').click()
    await page.getByTestId('drilldown-panel').waitFor({ state: 'visible' })
    await waitForData(page, '[data-testid="drilldown-row"]', 'the drill-down records')
    await screenshot(page, 'drilldown')
    await page.keyboard.press('Escape')
    await page.getByTestId('drilldown-panel').waitFor({ state: 'detached' })
    expect(query(page.url()).get('drill')).toBeNull()

    await page.goto(`/?period=${Q2.period}&lang=pl`)
    await waitForData(page, cards, 'the Polish home cards')
    await page.getByText('Wskaźnik wygranych', { exact: true }).waitFor()
    await screenshot(page, 'home-pl')

    expect(errors).toEqual([])
    expect(srv().logged).toEqual([])
  })

  it('a funnel stage lists the deals that reached it', async () => {
    const { page } = await open(`/funnel?period=${Q2.period}&lang=en`)
    await waitForData(page, '[data-testid^="funnel-stage-"]', 'the funnel stages')
    const stage = page.locator('[data-testid^="funnel-stage-"]').first()
    const reached = await stage.getAttribute('data-reached')
    const response = page.waitForResponse((r) => r.url().includes('/api/drilldown'))
    await stage.getByRole('button').first().click()
    const api = (await (await response).json()) as { page_size?: number }
    await page.getByTestId('drilldown-panel').waitFor({ state: 'visible' })
    await waitForData(page, '[data-testid="drilldown-total"]', 'the deals of the stage')
    expect(await page.getByTestId('drilldown-total').getAttribute('data-total')).toBe(reached)
    expect(await page.getByTestId('drilldown-row').count()).toBe(
      Math.min(Number(reached), api.page_size ?? 0),
    )
  })
})

/**
 * Browser test setup: the built dashboard (built here when missing or older than web/), the
 * HTTP API over a demo database served in-process on a free port, and a headless Chromium
 * (the system's /usr/bin/chromium driven by playwright-core; never a downloaded browser).
 */
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { generateDemo } from '../../src/demo/generate-demo.js'
import type { AccessOptions } from '../../src/server/access.js'
import { createApp } from '../../src/server/app.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'

export const repoDir = fileURLToPath(new URL('../../', import.meta.url))
export const webSrcDir = join(repoDir, 'web')
export const webDir = join(repoDir, 'dist', 'web')
export const screenshotDir = join(repoDir, 'test-artifacts', 'screenshots')
export const chromiumPath = '/usr/bin/chromium'
/** The demo's last day: the server's "today" and the as-of date of every expected value. */
export const AS_OF = '2026-06-30'
export const viewport = { width: 1280, height: 800 }

/** The newest modification time of any file under `dir` (node_modules left out). */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const path = join(dir, entry.name)
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs
    if (mtime > newest) newest = mtime
  }
  return newest
}

/**
 * Builds dist/web with Vite when it is missing or any file of web/ is newer than its
 * index.html (a fresh clone's `npm ci` has built it already through `prepare`).
 */
export function ensureDashboardBuilt(): void {
  const index = join(webDir, 'index.html')
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(webSrcDir)) return
  const vite = join(repoDir, 'node_modules', 'vite', 'bin', 'vite.js')
  try {
    execFileSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
      cwd: repoDir,
      stdio: 'pipe',
      env: { ...process.env, NO_COLOR: '1' },
    })
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer; message: string }
    throw new Error(
      `building the dashboard (vite build --config web/vite.config.ts) failed:\n${err.stdout ?? ''}${err.stderr ?? err.message}`,
    )
  }
  if (!existsSync(index)) throw new Error(`vite build did not write ${index}`)
}

export interface TestServer {
  store: Store
  /** http://127.0.0.1:<port> */
  url: string
  /** Lines the server logged (internal errors). */
  logged: string[]
  close(): Promise<void>
}

/**
 * The demo database (seed 42, scale 1, as of AS_OF; `demo: false` an empty one) in a temp file,
 * served with the dashboard.
 * The server gets a copy of dist/web taken now: a `npm run build` during the run (emptyOutDir)
 * would otherwise delete the assets the pages load, and the app keeps the index.html it read
 * at start for deep links (/funnel), so those would point at assets that no longer exist.
 */
export async function startServer(
  options: { demo?: boolean; access?: AccessOptions } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'miernik-web-'))
  const served = join(dir, 'web')
  cpSync(webDir, served, { recursive: true })
  const store = await openStore(join(dir, 'web.duckdb'), { create: true })
  try {
    if (options.demo !== false) await generateDemo(store, { seed: 42, scale: 1, asOf: AS_OF })
  } catch (e) {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  const logged: string[] = []
  const app = createApp({
    store,
    today: () => AS_OF,
    log: (m) => logged.push(m),
    webDir: served,
    ...(options.access ? { access: options.access } : {}),
  })
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    s.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    store,
    url: `http://127.0.0.1:${port}`,
    logged,
    close: async () => {
      // Keep-alive connections from the browser would hold close() open: end them first.
      if ('closeAllConnections' in server) server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Headless Chromium, as CI runs it (root, no GPU, no background traffic). */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: apt-get update && apt-get install -y chromium (never npx playwright install)`,
    )
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** The errors collected on each page, for failure messages. */
const pageErrors = new WeakMap<Page, string[]>()

export interface TestPage {
  context: BrowserContext
  page: Page
  /** Uncaught exceptions and console errors, in order, each with the URL it happened on. */
  errors: string[]
}

/**
 * A page in its own context (no shared localStorage: the saved language of one test never
 * leaks into another), English browser locale, UTC, 1280x800 unless `size`; errors are
 * collected.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  size: { width: number; height: number } = viewport,
): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: size,
    locale: 'en-US',
    timezoneId: 'UTC',
  })
  context.setDefaultTimeout(30_000)
  const page = await context.newPage()
  const errors: string[] = []
  pageErrors.set(page, errors)
  page.on('pageerror', (e) => errors.push(`${page.url()}: uncaught ${e.name}: ${e.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${page.url()}: console.error: ${msg.text()}`)
  })
  return { context, page, errors }
}

/** Writes test-artifacts/screenshots/<name>.png (the whole page). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const path = join(screenshotDir, `${name}.png`)
  await page.mouse.move(0, 0) // no hover highlight left where the test last clicked
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  return path
}

// ---------- waiting on the page's data (never on the clock) ----------

/** The few DOM members the in-page functions use (the tests' tsconfig has no DOM lib). */
interface DomElement {
  getAttribute(name: string): string | null
  innerHTML: string
  textContent: string | null
}
interface DomDocument {
  querySelector(selector: string): DomElement | null
  querySelectorAll(selector: string): ArrayLike<DomElement>
}

/**
 * Waits until `selector` is on the page (the page's data has arrived) or the page shows an
 * error state, then until no skeleton is left and every chart has stopped animating. A
 * timeout or an error state fails with the page's text and a failed-<what>.png screenshot.
 */
export async function waitForData(page: Page, selector: string, what = selector): Promise<void> {
  const fail = async (problem: string): Promise<never> => {
    const shot = await screenshot(page, `failed-${what.replace(/[^a-z0-9]+/gi, '-')}`).catch(
      () => 'no screenshot',
    )
    const errors = pageErrors.get(page) ?? []
    const logged = errors.length ? `\npage errors:\n  ${errors.join('\n  ')}` : ''
    throw new Error(`${page.url()}: ${problem} (${shot})${logged}`)
  }
  const appeared = await page
    .waitForFunction((sel) => {
      const d = (globalThis as unknown as { document: DomDocument }).document
      return d.querySelector(sel) !== null || d.querySelector('[role="alert"]') !== null
    }, selector)
    .then(
      () => null,
      (e: Error) => e.message,
    )
  if (appeared !== null) await fail(`${what} (${selector}) never appeared: ${appeared}`)
  const alert = page.locator('[role="alert"]')
  if ((await alert.count()) > 0) {
    await fail(`error state instead of ${what}: ${await alert.first().innerText()}`)
  }
  await page.locator('.skeletons').first().waitFor({ state: 'detached' })
  await waitForStableCharts(page)
}

/**
 * Waits until the markup of every chart (ECharts, SVG renderer) is unchanged for 10 frames in a
 * row: its entry animation is over, so a screenshot shows the final picture.
 */
export async function waitForStableCharts(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const g = globalThis as unknown as {
        document: DomDocument
        __miernikChartSig?: string
        __miernikStable?: number
      }
      const charts = Array.from(g.document.querySelectorAll('.chart'))
      const sig = charts.map((c) => c.innerHTML).join('\u0000')
      if (sig === g.__miernikChartSig) g.__miernikStable = (g.__miernikStable ?? 0) + 1
      else {
        g.__miernikChartSig = sig
        g.__miernikStable = 0
      }
      return g.__miernikStable >= 10
    },
    undefined,
    { polling: 'raf' },
  )
}

/** The `data-value` of each `card-value-<metric>` on the page, by metric id. */
export async function cardValues(page: Page, metrics: readonly string[]) {
  const values: Record<string, string | null> = {}
  for (const id of metrics) {
    const el = page.getByTestId(`card-value-${id}`)
    values[id] = (await el.count()) > 0 ? await el.first().getAttribute('data-value') : null
  }
  return values
}

/**
 * Waits until every card shows `expected` (metric id → data-value), up to the default
 * timeout; returns what the cards hold then, for the caller to assert on (a mismatch is
 * reported as a diff rather than as a timeout).
 */
export async function waitForCardValues(
  page: Page,
  expected: Record<string, string>,
): Promise<Record<string, string | null>> {
  await page
    .waitForFunction((exp) => {
      const d = (globalThis as unknown as { document: DomDocument }).document
      return Object.entries(exp).every(
        ([id, v]) =>
          d.querySelector(`[data-testid="card-value-${id}"]`)?.getAttribute('data-value') === v,
      )
    }, expected)
    .catch(() => {})
  return cardValues(page, Object.keys(expected))
}

/** Every page of the dashboard with what shows its data has arrived. */
export const dashboardPages: readonly { path: string; ready: string }[] = [
  { path: '/', ready: '[data-testid^="card-value-"]' },
  { path: '/revenue', ready: '[data-testid^="card-value-"]' },
  { path: '/conversion', ready: '[data-testid^="card-value-"]' },
  { path: '/pipeline', ready: '[data-testid^="card-value-"]' },
  { path: '/customers', ready: '[data-testid^="card-value-"]' },
  { path: '/team', ready: '[data-testid^="leaderboard-row-"]' },
  { path: '/funnel', ready: '[data-testid^="funnel-stage-"]' },
  { path: '/import', ready: '[data-testid="import-panel"]' },
  { path: '/review', ready: '[data-testid="review-document"]' },
]

/**
 * A describe block's server and browser: started before its tests (the dashboard built when
 * needed), stopped after them. The getters throw if used before they started.
 */
export function servedDashboard(options: Parameters<typeof startServer>[0] = {}): {
  srv: () => TestServer
  browser: () => Browser
} {
  let server: TestServer | undefined
  let chromiumBrowser: Browser | undefined
  beforeAll(async () => {
    ensureDashboardBuilt()
    server = await startServer(options)
    chromiumBrowser = await launchBrowser()
  }, 120_000)
  afterAll(async () => {
    await chromiumBrowser?.close()
    await server?.close()
  })
  return {
    srv: () => {
      if (!server) throw new Error('the test server did not start')
      return server
    },
    browser: () => {
      if (!chromiumBrowser) throw new Error('the browser did not start')
      return chromiumBrowser
    },
  }
}

// ---------- accessibility ----------

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[] }[]
}

/**
 * axe-core on the page as it is now: its serious and critical WCAG 2 A/AA violations, one line
 * each (charts' SVG aside).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Settled first: content being reloaded is faded on purpose (.stale, for 0.2 s at least),
  // and its contrast then is not the page's.
  await page.waitForFunction(() => {
    const d = (
      globalThis as unknown as {
        document: DomDocument & {
          getAnimations(): {
            playState: string
            effect: { getTiming(): { iterations: number } } | null
          }[]
        }
      }
    ).document
    // The fade back ends too: a finite transition still running is the page mid-change.
    const moving = d
      .getAnimations()
      .some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity)
    return d.querySelector('.stale') === null && d.querySelector('.skeletons') === null && !moving
  })
  // Evaluated by the test driver: the page's CSP (no inline script) rightly refuses a tag.
  await page.evaluate(axeSource)
  const found = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: unknown,
            options: unknown,
          ): Promise<{
            violations: Violation[]
          }>
        }
      }
    ).axe
    const result = await axe.run(
      { exclude: [['.chart svg']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    )
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }))
  })
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(', ')}`,
    )
}

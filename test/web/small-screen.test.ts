/**
 * The dashboard on a phone (390 × 844) and on a desktop, in both languages: nothing sticks
 * out sideways (measured on every element, not masked by the page), the pages fold into a
 * menu, the first card is above the fold, tables that scroll say so. Screenshots of every
 * page at both sizes go to test-artifacts/screenshots.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot, waitForData, servedDashboard, dashboardPages } from './browser.js'

const phone = { width: 390, height: 844 }
const desktop = { width: 1440, height: 900 }
const period = '2026-Q2'
const cards = '[data-testid^="card-value-"]'

const pages = dashboardPages

interface Box {
  left: number
  right: number
}
interface El {
  tagName: string
  id: string
  className: unknown
  parentElement: El | null
  getBoundingClientRect(): Box
  textContent: string | null
}

/**
 * Elements whose box reaches past the viewport's right or left edge, unless a scrolling
 * ancestor (a table's frame) holds them; and the page's own sideways scroll.
 */
async function overflow(page: Page): Promise<{ page: number; elements: string[] }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: {
        documentElement: { scrollWidth: number; clientWidth: number }
        body: { querySelectorAll(s: string): ArrayLike<El> }
      }
      getComputedStyle(e: El): { overflowX: string; display: string; visibility: string }
    }
    const width = g.document.documentElement.clientWidth
    const clipped = (e: El): boolean => {
      for (let p = e.parentElement; p; p = p.parentElement) {
        const o = g.getComputedStyle(p).overflowX
        if (o === 'auto' || o === 'scroll') return true
      }
      return false
    }
    const name = (e: El) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${typeof e.className === 'string' && e.className ? `.${e.className.split(' ').join('.')}` : ''} "${(e.textContent ?? '').trim().slice(0, 30)}"`
    const out: string[] = []
    for (const e of Array.from(g.document.body.querySelectorAll('*'))) {
      const style = g.getComputedStyle(e)
      if (style.display === 'none' || style.visibility === 'hidden') continue
      const r = e.getBoundingClientRect()
      // Empty boxes, and the skip link parked wholly left of the screen until focused.
      if (r.right - r.left === 0 || r.right <= 0) continue
      if ((r.right > width + 0.5 || r.left < -0.5) && !clipped(e)) out.push(name(e))
    }
    return {
      page: g.document.documentElement.scrollWidth - width,
      elements: out.slice(0, 10),
    }
  })
}

describe('the dashboard at phone and desktop widths', { timeout: 240_000 }, () => {
  const { srv, browser } = servedDashboard()

  async function open(viewport: { width: number; height: number }) {
    const context = await browser().newContext({
      baseURL: srv().url,
      viewport,
      locale: 'en-US',
      timezoneId: 'UTC',
    })
    context.setDefaultTimeout(30_000)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
    return { context, page, errors }
  }

  for (const [size, viewport] of [
    ['phone', phone],
    ['desktop', desktop],
  ] as const) {
    for (const lang of ['en', 'pl'] as const) {
      it(`${size} ${viewport.width}×${viewport.height}, ${lang}: no page reaches sideways`, async () => {
        const { context, page, errors } = await open(viewport)
        try {
          for (const p of pages) {
            await page.goto(`${p.path}?period=${period}&lang=${lang}`)
            await waitForData(page, p.ready, `${p.path} (${lang}, ${size})`)
            const o = await overflow(page)
            expect({ path: p.path, ...o }).toEqual({ path: p.path, page: 0, elements: [] })
            const name = p.path === '/' ? 'home' : p.path.slice(1)
            await screenshot(page, `${size}-${lang}-${name}`)
          }
          expect(errors).toEqual([])
        } finally {
          await context.close()
        }
      })
    }
  }

  it('on a phone the pages fold into a menu, the brand is one line and a card is above the fold', async () => {
    const { context, page } = await open(phone)
    try {
      await page.goto(`/?period=${period}&lang=pl`)
      await waitForData(page, cards, 'the home cards')
      const toggle = page.getByTestId('menu-toggle')
      await expect(toggle.isVisible()).resolves.toBe(true)
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false')
      await expect(page.getByTestId('nav-team').isVisible()).resolves.toBe(false)

      const brand = await page.locator('.brand-name').boundingBox()
      const lineHeight = await page.locator('.brand-name').evaluate((e) => {
        const g = globalThis as unknown as {
          getComputedStyle(e: unknown): { lineHeight: string }
        }
        return parseFloat(g.getComputedStyle(e).lineHeight)
      })
      expect(brand?.height ?? 0).toBeLessThanOrEqual(lineHeight * 1.2)

      const first = await page.locator(cards).first().boundingBox()
      expect(first).not.toBeNull()
      expect((first?.y ?? 0) + (first?.height ?? 0)).toBeLessThan(phone.height)

      // The user's links (here the local admin's audit log) fold into the menu too.
      await expect(page.getByTestId('audit-link').isVisible()).resolves.toBe(false)
      await toggle.click()
      await expect(page.getByTestId('audit-link').isVisible()).resolves.toBe(true)
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true')
      await page.getByTestId('nav-team').click()
      await page.waitForURL((u) => u.pathname === '/team')
      // Choosing a page closes the menu; the period travels along.
      await expect(page.getByTestId('nav-team').isVisible()).resolves.toBe(false)
      expect(new URL(page.url()).searchParams.get('period')).toBe(period)
      await waitForData(page, '[data-testid^="leaderboard-row-"]', 'the leaderboard')

      // The leaderboard is wider than a phone: it says it scrolls, and its frame takes focus.
      await expect(page.getByTestId('scroll-hint').first().isVisible()).resolves.toBe(true)
      const region = page.getByRole('region', { name: 'Ranking przedstawicieli – tabela' })
      await expect(region.getAttribute('tabindex')).resolves.toBe('0')

      // Grouping and filters fold behind one button that counts what is set.
      const more = page.getByTestId('toolbar-more')
      await expect(page.locator('#toolbar-extra').isVisible()).resolves.toBe(false)
      await more.click()
      await expect(page.locator('#toolbar-extra').isVisible()).resolves.toBe(true)
      await page.goto(`/?period=${period}&lang=en&segment=Enterprise`)
      await waitForData(page, cards, 'the filtered home cards')
      await expect(more.innerText()).resolves.toMatch(/1$/)
    } finally {
      await context.close()
    }
  })

  it('on a desktop the menu button and the fold-out button are not shown', async () => {
    const { context, page } = await open(desktop)
    try {
      await page.goto(`/?period=${period}&lang=en`)
      await waitForData(page, cards, 'the home cards')
      await expect(page.getByTestId('menu-toggle').isVisible()).resolves.toBe(false)
      await expect(page.getByTestId('toolbar-more').isVisible()).resolves.toBe(false)
      await expect(page.getByTestId('nav-funnel').isVisible()).resolves.toBe(true)
      await expect(page.getByTestId('scroll-hint').count()).resolves.toBe(0)
    } finally {
      await context.close()
    }
  })
})

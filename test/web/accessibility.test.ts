/**
 * axe-core over every page, both languages, a drill-down open and the phone menu open: no
 * serious or critical WCAG 2 A/AA violation. (axe finds what can be found automatically; the
 * keyboard paths are tested where they are used.)
 */
import { describe, expect, it } from 'vitest'
import {
  axeViolations as violations,
  openPage,
  waitForData,
  servedDashboard,
  dashboardPages,
} from './browser.js'

const period = '2026-Q2'
const cards = '[data-testid^="card-value-"]'
const pages = dashboardPages

describe('accessibility (axe-core)', { timeout: 240_000 }, () => {
  const { srv, browser } = servedDashboard()

  for (const lang of ['en', 'pl'] as const) {
    it(`every page in ${lang}`, async () => {
      const { page, context } = await openPage(browser(), srv().url)
      try {
        const found: Record<string, string[]> = {}
        for (const p of pages) {
          await page.goto(`${p.path}?period=${period}&lang=${lang}`)
          await waitForData(page, p.ready, `${p.path} (${lang})`)
          const v = await violations(page)
          if (v.length > 0) found[p.path] = v
        }
        expect(found).toEqual({})
      } finally {
        await context.close()
      }
    })
  }

  it('a drill-down open, and the phone menu open', async () => {
    const { page, context } = await openPage(browser(), srv().url)
    try {
      await page.goto(`/?period=${period}&lang=pl`)
      await waitForData(page, cards, 'the home cards')
      await page.getByTestId('card-value-win_rate').click()
      await waitForData(page, '[data-testid="drilldown-row"]', 'the drill-down')
      expect(await violations(page)).toEqual([])
      await page.keyboard.press('Escape')
      await page.setViewportSize({ width: 390, height: 844 })
      await page.getByTestId('menu-toggle').click()
      await page.getByTestId('toolbar-more').click()
      expect(await violations(page)).toEqual([])
    } finally {
      await context.close()
    }
  })
})

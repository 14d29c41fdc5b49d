/**
 * The pipeline page's data-quality flags: each check with a problem as a count equal to
 * `miernik quality`'s, opening the records behind it; in Polish the checks are in Polish.
 */
import { describe, expect, it } from 'vitest'
import { qualityReport } from '../../src/quality/report.js'
import { AS_OF, openPage, screenshot, waitForData, servedDashboard } from './browser.js'

describe('data quality on the pipeline page', { timeout: 120_000 }, () => {
  const { srv, browser } = servedDashboard()

  it('counts as miernik quality reports them, each opening its records', async () => {
    const report = await qualityReport(srv().store, { asOf: AS_OF, limit: 0 })
    const flagged = report.checks.filter((c) => c.count > 0)
    expect(flagged.length).toBeGreaterThan(0)
    const { page, errors } = await openPage(browser(), srv().url)
    await page.goto('/pipeline?period=2026-Q2&lang=en')
    await waitForData(page, '[data-testid^="quality-"][data-count]', 'the quality counts')
    for (const c of report.checks) {
      const el = page.getByTestId(`quality-${c.id}`)
      if (c.count === 0) await expect(el.count(), c.id).resolves.toBe(0)
      else await expect(el.getAttribute('data-count'), c.id).resolves.toBe(String(c.count))
    }
    const first = flagged[0]
    if (!first) throw new Error('no flagged check')
    await page.getByTestId(`quality-${first.id}`).click()
    const dialog = page.getByTestId('quality-records')
    await dialog.waitFor({ state: 'visible' })
    await expect(dialog.getByTestId('quality-record').count()).resolves.toBe(
      Math.min(first.count, 200),
    )
    await screenshot(page, 'pipeline-quality')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })

    await page.goto('/pipeline?period=2026-Q2&lang=pl')
    await waitForData(page, '[data-testid^="quality-"][data-count]', 'the Polish quality counts')
    await expect(page.getByTestId('quality').innerText()).resolves.toContain('Jakość danych')
    await expect(page.getByTestId('quality').innerText()).resolves.toContain(
      first.description_pl.slice(0, 20),
    )
    expect(errors).toEqual([])
  })
})

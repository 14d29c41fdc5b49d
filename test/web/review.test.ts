/**
 * The Review page: the pack of the selected period as the PDF shows it (the same document,
 * from the same engine), its exports, and saving it as presented.
 */
import { describe, expect, it } from 'vitest'
import { buildReview } from '../../src/review/build-review.js'
import { AS_OF, openPage, screenshot, servedDashboard, waitForData } from './browser.js'

describe('review page', { timeout: 120_000 }, () => {
  const { srv, browser } = servedDashboard()

  it('shows the pack of the period, exports it, and saves it', async () => {
    const pack = await buildReview(srv().store, { period: '2026-Q1', asOf: AS_OF })
    const { page, errors } = await openPage(browser(), srv().url)
    await page.goto('/review?period=2026-Q1&lang=en')
    await waitForData(page, '[data-testid="review-document"]', 'the review')
    const text = await page.getByTestId('review-document').innerText()
    expect(text).toContain('Quarterly review 2026-Q1')
    // The story the engine's pack tells, sentence for sentence.
    for (const s of pack.narrative) expect(text).toContain(s.en)
    const pdf = await page.evaluate(async () => {
      const link = (
        globalThis as unknown as {
          document: { querySelector(s: string): { getAttribute(n: string): string | null } | null }
        }
      ).document.querySelector('[data-testid="review-exports"] a')
      const res = await fetch(link?.getAttribute('href') ?? '')
      const bytes = new Uint8Array(await res.arrayBuffer())
      return {
        type: res.headers.get('content-type'),
        head: String.fromCharCode(...bytes.slice(0, 5)),
      }
    })
    expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-' })
    await page.getByTestId('review-save').click()
    await page.getByTestId('review-save-status').getByText('Saved as review 1.').waitFor()
    await page.locator('[data-testid="saved-reviews"] tbody tr').first().waitFor()
    await screenshot(page, 'review-en')
    expect(errors).toEqual([])
  })
})

/**
 * Goals with pace on the dashboard: a card with a target shows the share reached, the share
 * expected by now and the verdict (green only when met or on pace); the leaderboard shows each
 * rep's attainment against the 100% mark with the pace; coverage against its 3× rule of thumb.
 * Every figure is checked against the library's row and the shared goal rule.
 */
import { describe, expect, it } from 'vitest'
import { goalProgress } from '../../src/format/goal-progress.js'
import { getMetric } from '../../src/metrics/catalog.js'
import { compute } from '../../src/metrics/compute.js'
import type { ResultRow } from '../../src/contracts/result-row.js'
import { openPage, screenshot, waitForData, servedDashboard } from './browser.js'

const Q2 = { period: '2026-Q2', from: '2026-04-01', to: '2026-06-30' }
const MID = '2026-05-15'

describe('goals with pace', { timeout: 120_000 }, () => {
  const { srv, browser } = servedDashboard()

  async function row(metric: string, by: ('rep' | 'team')[] = []): Promise<ResultRow[]> {
    return compute(srv().store, {
      metrics: [metric],
      from: Q2.from,
      to: Q2.to,
      asOf: MID,
      grain: 'all',
      by,
    })
  }

  it('a running quarter: revenue against its target with the pace, a rate against its own', async () => {
    const [revenue] = await row('total_revenue')
    expect(revenue).toMatchObject({ running: true, through: MID })
    expect(revenue?.target).toBeGreaterThan(0)
    // 45 of 91 days gone.
    expect(revenue?.pace).toBeCloseTo(45 / 91, 12)
    const expected = goalProgress(
      {
        value: revenue?.value ?? null,
        goal: revenue?.target ?? 0,
        pace: revenue?.pace,
        running: true,
      },
      getMetric('total_revenue'),
    )

    const { page, errors } = await openPage(browser(), srv().url)
    await page.goto(`/revenue?period=${Q2.period}&asof=${MID}&lang=en`)
    await waitForData(page, '[data-testid="card-goal-total_revenue"]', 'the revenue goal')
    const goal = page.getByTestId('card-goal-total_revenue')
    await expect(goal.getAttribute('data-share')).resolves.toBe(String(expected.share))
    await expect(goal.getAttribute('data-expected')).resolves.toBe(String(revenue?.pace))
    await expect(goal.getAttribute('data-status')).resolves.toBe(expected.status)
    const text = await goal.innerText()
    expect(text).toContain('49.5% expected by now')
    expect(text).toContain(expected.status === 'on_pace' ? 'On pace' : 'Behind pace')
    // Green only on pace.
    const green = await goal.evaluate((e) =>
      (e as unknown as { classList: { contains(c: string): boolean } }).classList.contains(
        'goal-good',
      ),
    )
    expect(green).toBe(expected.status === 'on_pace')

    // Win rate does not build up: judged against its target whatever the pace.
    const [win] = await row('win_rate')
    await page.goto(`/?period=${Q2.period}&asof=${MID}&lang=en`)
    await waitForData(page, '[data-testid="card-goal-win_rate"]', 'the win rate goal')
    const winGoal = page.getByTestId('card-goal-win_rate')
    await expect(winGoal.getAttribute('data-expected')).resolves.toBe('1')
    const winStatus = (win?.value ?? 0) >= (win?.target ?? 0) ? 'met' : 'behind'
    await expect(winGoal.getAttribute('data-status')).resolves.toBe(winStatus)
    await screenshot(page, 'goals-home-running')
    expect(errors).toEqual([])
  })

  it("the leaderboard: each rep's attainment, the 100% mark and the pace, and open pipeline", async () => {
    const attainment = await row('quota_attainment_rate', ['rep'])
    const coverage = await row('pipeline_coverage', ['rep'])
    const { page, errors } = await openPage(browser(), srv().url)
    await page.goto(`/team?period=${Q2.period}&asof=${MID}&lang=pl`)
    await waitForData(page, '[data-testid^="leaderboard-goal-"]', 'the leaderboard goals')
    let checked = 0
    for (const r of attainment) {
      const rep = r.group.rep ?? ''
      if (r.value === null) continue
      const goal = page.getByTestId(`leaderboard-goal-${rep}`)
      const want = goalProgress(
        { value: r.value, goal: 1, pace: r.pace, running: r.running },
        getMetric('quota_attainment_rate'),
      )
      await expect(goal.getAttribute('data-status'), rep).resolves.toBe(want.status)
      await expect(goal.getAttribute('data-expected'), rep).resolves.toBe(String(r.pace))
      checked++
    }
    expect(checked).toBeGreaterThan(5)
    // Open pipeline is coverage's numerator, in its own column.
    const first = coverage.find((c) => c.numerator !== null && c.group.rep)
    const rowEl = page.getByTestId(`leaderboard-row-${first?.group.rep}`)
    await expect(rowEl.locator(`td[data-value="${first?.numerator}"]`).count()).resolves.toBe(1)
    // Activities logged, per rep, where the data has them.
    const activities = await row('activities_logged', ['rep'])
    const busy = activities.filter((a) => (a.value ?? 0) > 0)
    expect(busy.length).toBeGreaterThan(0)
    for (const a of busy) {
      const td = page
        .getByTestId(`leaderboard-row-${a.group.rep}`)
        .locator('td[data-metric="activities_logged"]')
      await expect(td.getAttribute('data-value'), a.group.rep ?? '').resolves.toBe(String(a.value))
    }
    await screenshot(page, 'goals-leaderboard-running-pl')
    expect(errors).toEqual([])
  })

  it('pipeline coverage is a multiple, held against the 3× rule of thumb', async () => {
    const [cov] = await row('pipeline_coverage')
    const { page } = await openPage(browser(), srv().url)
    await page.goto(`/?period=${Q2.period}&asof=${MID}&lang=en`)
    await waitForData(page, '[data-testid="card-value-pipeline_coverage"]', 'coverage')
    const value = await page.getByTestId('card-value-pipeline_coverage').innerText()
    expect(value).toMatch(/^\d+\.\d×$/)
    const note = await page.getByTestId('card-reference-pipeline_coverage').innerText()
    expect(note).toBe(
      (cov?.value ?? 0) >= 3 ? '3× rule of thumb: met' : '3× rule of thumb: not met',
    )
    const basis = await page.getByTestId('card-basis-pipeline_coverage').innerText()
    expect(basis).toMatch(/^Open pipeline \$[\d,]+ for \$[\d,]+ of quota still to win$/)
  })
})

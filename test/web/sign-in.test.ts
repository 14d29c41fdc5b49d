/**
 * Signing in through the dashboard: a server that asks for it shows the sign-in page (in both
 * languages, accessible), says a wrong password plainly, opens the dashboard after the right
 * one, and signs out back to the page. The session cookie is out of the page's reach.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { addUser } from '../../src/auth/users.js'
import { compute } from '../../src/metrics/compute.js'
import {
  axeViolations,
  openPage,
  screenshot,
  waitForData,
  servedDashboard,
  AS_OF,
  waitForCardValues,
} from './browser.js'

const PASSWORD = 'correct horse battery staple'

describe('sign-in in the browser', { timeout: 120_000 }, () => {
  const { srv, browser } = servedDashboard({ access: { auth: 'required' } })
  beforeAll(async () => {
    await addUser(
      srv().store,
      { email: 'boss@acme.com', role: 'admin', password: PASSWORD },
      new Date(),
    )
  })

  it('the sign-in page, a wrong password, the dashboard, sign-out', async () => {
    const { page, errors } = await openPage(browser(), srv().url)
    await page.goto('/?period=2026-Q2&lang=pl')
    await page.getByRole('heading', { name: 'Logowanie' }).waitFor()
    await screenshot(page, 'sign-in-pl')
    // Accessible: no serious or critical axe finding.
    expect(await axeViolations(page)).toEqual([])

    await page.getByTestId('sign-in-email').fill('boss@acme.com')
    await page.getByTestId('sign-in-password').fill('not the password at all')
    await page.getByTestId('sign-in-submit').click()
    await expect(page.getByTestId('sign-in-error').innerText()).resolves.toBe(
      'Nieprawidłowy e-mail lub hasło.',
    )

    await page.getByTestId('sign-in-password').fill(PASSWORD)
    await page.getByTestId('sign-in-submit').click()
    await waitForData(page, '[data-testid^="card-value-"]', 'the home cards after sign-in')
    await expect(page.getByTestId('user-menu').innerText()).resolves.toContain('boss@acme.com')
    // The session is HttpOnly: the page's script cannot read it.
    const visible = await page.evaluate(
      () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
    )
    expect(visible).not.toContain('miernik_session')

    // The admin's audit log shows the failed and the good sign-in, newest first.
    await page.getByTestId('audit-link').click()
    await page.waitForURL((u) => u.pathname === '/audit')
    await page.getByTestId('audit-entry').first().waitFor()
    const rows = await page.getByTestId('audit-entry').allInnerTexts()
    expect(rows[0]).toMatch(/boss@acme\.com\s+sign_in\s+—\s+udane/)
    expect(rows[1]).toMatch(/boss@acme\.com\s+sign_in\s+—\s+nieudane\s+bad_credentials/)
    await screenshot(page, 'audit-pl')

    await page.getByTestId('sign-out').click()
    await page.getByRole('heading', { name: 'Logowanie' }).waitFor()
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status)
    expect(me).toBe(401)
    expect(errors.filter((e) => !e.includes('401'))).toEqual([])
  })
})

describe('each user sees their own numbers in the browser', { timeout: 120_000 }, () => {
  const { srv, browser } = servedDashboard({ access: { auth: 'required' } })

  beforeAll(async () => {
    const store = srv().store
    // The demo's reps get e-mails: Priya Raman (r-19) and her manager James O'Connor (r-04).
    await store.run("UPDATE reps SET email = 'priya@demo.example' WHERE id = 'r-19'")
    await store.run("UPDATE reps SET email = 'james@demo.example' WHERE id = 'r-04'")
    const t0 = new Date()
    await addUser(store, { email: 'priya@demo.example', role: 'rep', password: PASSWORD }, t0)
    await addUser(store, { email: 'james@demo.example', role: 'manager', password: PASSWORD }, t0)
  })

  async function signedIn(email: string) {
    const { page, errors } = await openPage(browser(), srv().url)
    await page.goto('/team?period=2026-Q2&lang=en')
    await page.getByTestId('sign-in-email').fill(email)
    await page.getByTestId('sign-in-password').fill(PASSWORD)
    await page.getByTestId('sign-in-submit').click()
    await waitForData(page, '[data-testid^="leaderboard-row-"]', `the leaderboard of ${email}`)
    // Before signing in the page asked who is there: that 401 is the browser's console line.
    return { page, errors: { list: () => errors.filter((e) => !e.includes('401')) } }
  }

  const leaderboardReps = async (page: Awaited<ReturnType<typeof signedIn>>['page']) =>
    (
      await page
        .locator('[data-testid^="leaderboard-row-"]')
        .evaluateAll((rows) =>
          rows.map((r) =>
            (
              (r as unknown as { getAttribute(n: string): string | null }).getAttribute(
                'data-testid',
              ) ?? ''
            ).slice('leaderboard-row-'.length),
          ),
        )
    ).sort()

  it('a rep sees only herself, with her own revenue as the total', async () => {
    const { page, errors } = await signedIn('priya@demo.example')
    expect(await leaderboardReps(page)).toEqual(['r-19'])
    const [own] = await compute(srv().store, {
      metrics: ['total_revenue'],
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: AS_OF,
      filters: { rep: ['r-19'] },
    })
    await page.goto('/revenue?period=2026-Q2&lang=en')
    const shown = await waitForCardValues(page, { total_revenue: String(own?.value) })
    expect(shown).toEqual({ total_revenue: String(own?.value) })
    // The rep filter offers her alone.
    const reps = await page.evaluate(
      async () =>
        (await (await fetch('/api/dimensions/rep')).json()) as { values: { value: string }[] },
    )
    expect(reps.values.map((v) => v.value)).toEqual(['r-19'])
    await screenshot(page, 'team-as-rep')
    expect(errors.list()).toEqual([])
  })

  it('a manager sees himself and the reps below him', async () => {
    const { page, errors } = await signedIn('james@demo.example')
    const below = await srv().store.query(
      "SELECT id FROM reps WHERE id = 'r-04' OR manager_id = 'r-04' ORDER BY id",
    )
    const seen = await leaderboardReps(page)
    expect(seen.length).toBeGreaterThan(1)
    // Every rep shown is his or below him; none of the other teams.
    for (const rep of seen) expect(below.map((r) => String(r.id))).toContain(rep)
    expect(errors.list()).toEqual([])
  })
})

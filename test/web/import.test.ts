/**
 * Import through the dashboard: on an empty database the first-run page takes a file,
 * previews it (rows, columns, the rejected rows and why), refuses to import it whole while a
 * row is bad, imports the valid rows when told to, offers the rejects as a download, and the
 * dashboard appears. A manager signed in on the demo company is held to their team.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { addUser } from '../../src/auth/users.js'
import { toCsv } from '../helpers.js'
import { axeViolations, openPage, screenshot, servedDashboard, waitForData } from './browser.js'

const PASSWORD = 'correct horse battery staple'

const deals = toCsv([
  {
    id: 'w-1',
    owner_id: 'ana',
    status: 'won',
    amount: 1200,
    created_on: '2026-04-02',
    closed_on: '2026-05-10',
  },
  {
    id: 'w-2',
    owner_id: 'ana',
    status: 'won',
    amount: 'dużo',
    created_on: '2026-04-03',
    closed_on: '2026-05-11',
  },
  { id: 'o-1', owner_id: 'ana', status: 'open', amount: 800, created_on: '2026-05-01' },
])

describe('import in the browser', { timeout: 120_000 }, () => {
  const { srv, browser } = servedDashboard({ demo: false })

  it('from the first-run page: preview, all-or-nothing, the valid rows, rejects, the dashboard', async () => {
    const { page, errors } = await openPage(browser(), srv().url)
    await page.goto('/?period=2026-Q2&lang=pl')
    await page.getByTestId('first-run').waitFor()
    await page.getByTestId('import-entity').selectOption('opportunities')
    await page.getByTestId('import-file').setInputFiles({
      name: 'transakcje.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(deals),
    })
    await page.getByTestId('import-upload').click()
    await page.getByTestId('import-preview').waitFor()
    await expect(page.getByTestId('import-read-as').innerText()).resolves.toBe(
      'transakcje.csv: liczba wierszy 3, CSV, odczytany jako Własne kolumny Miernika.',
    )
    await expect(page.getByTestId('import-would').innerText()).resolves.toBe(
      'Import doda 2, zaktualizuje 0, bez zmian pozostanie 0. Nie da się wczytać wierszy: 1.',
    )
    const errorRows = await page.locator('[data-testid="import-errors"] tbody tr').allInnerTexts()
    expect(errorRows).toHaveLength(1)
    expect(errorRows[0]).toMatch(/^3\s+amount\s+dużo\s+not a number/)
    // All or nothing: the import button waits for the rejected row to be fixed or left out.
    await expect(page.getByTestId('import-run').isDisabled()).resolves.toBe(true)
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'import-preview-pl')

    await page.getByTestId('import-skip-invalid').check()
    await page.getByTestId('import-run').click()
    await expect(page.getByTestId('import-done').innerText()).resolves.toBe(
      'Wczytano transakcje.csv: nowe 2, zaktualizowane 0, bez zmian 0. Pominięte wiersze: 1.',
    )
    const href = await page.getByTestId('import-rejects').getAttribute('href')
    const rejects = await page.evaluate(async (url) => (await fetch(url as string)).text(), href)
    expect(rejects.split('\n')[1]).toMatch(/^3,w-2,ana,won,dużo,/)
    const rows = await srv().store.query('SELECT id FROM opportunities ORDER BY id')
    expect(rows.map((r) => r.id)).toEqual(['o-1', 'w-1'])
    // The data version moved: the status poll turns the first-run page into the dashboard.
    await waitForData(page, '[data-testid^="card-value-"]', 'the dashboard after import')
    expect(errors).toEqual([])
  })
})

describe('a manager imports on the demo company', { timeout: 120_000 }, () => {
  const { srv, browser } = servedDashboard({ access: { auth: 'required' } })

  beforeAll(async () => {
    // James O'Connor (r-04) manages reps of his own; the demo's reps carry e-mails.
    const [james] = await srv().store.query("SELECT email FROM reps WHERE id = 'r-04'")
    await addUser(
      srv().store,
      { email: String(james?.email), role: 'manager', password: PASSWORD },
      new Date(),
    )
  })

  it('offers his team’s entities only and refuses a row of another team', async () => {
    const store = srv().store
    const [james] = await store.query("SELECT email FROM reps WHERE id = 'r-04'")
    const [outsider] = await store.query(
      "SELECT id FROM reps WHERE id <> 'r-04' AND (manager_id IS NULL OR manager_id <> 'r-04') ORDER BY id LIMIT 1",
    )
    const { page, errors } = await openPage(browser(), srv().url)
    await page.goto('/import?lang=en')
    await page.getByTestId('sign-in-email').fill(String(james?.email))
    await page.getByTestId('sign-in-password').fill(PASSWORD)
    await page.getByTestId('sign-in-submit').click()
    await page.getByTestId('import-panel').waitFor()
    const entities = await page
      .locator('[data-testid="import-entity"] option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))
    expect(entities).toEqual([
      'leads',
      'opportunities',
      'stage_changes',
      'activities',
      'work_time',
      'quotas',
    ])
    const csv = toCsv([
      { id: 'j-1', owner_id: 'r-04', status: 'open', amount: 500, created_on: '2026-06-01' },
      {
        id: 'j-2',
        owner_id: String(outsider?.id),
        status: 'open',
        amount: 500,
        created_on: '2026-06-01',
      },
    ])
    await page.getByTestId('import-file').setInputFiles({
      name: 'team.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    })
    await page.getByTestId('import-upload').click()
    await page.getByTestId('import-preview').waitFor()
    const reasons = await page.locator('[data-testid="import-errors"] tbody tr').allInnerTexts()
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toContain('not one of your reps')
    await page.getByTestId('import-skip-invalid').check()
    await page.getByTestId('import-run').click()
    await page.getByTestId('import-done').waitFor()
    const written = await store.query("SELECT id, owner_id FROM opportunities WHERE id LIKE 'j-%'")
    expect(written.map((r) => [r.id, r.owner_id])).toEqual([['j-1', 'r-04']])
    expect(errors.filter((e) => !e.includes('401'))).toEqual([])
  })
})

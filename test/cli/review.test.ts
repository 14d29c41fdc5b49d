/**
 * `miernik review` end to end on a DuckDB file: Markdown to stdout, HTML and PDF to files,
 * both languages; the PDF's text (pdftotext, poppler-utils) holds the pack's figures.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/store/open-store.js'
import { runCli } from '../cli-run.js'
import { importDir } from '../helpers.js'
import { reviewAsOf, reviewFixture } from '../review/review-fixture.js'

const dir = mkdtempSync(join(tmpdir(), 'miernik-review-'))
const db = join(dir, 'review.duckdb')
const review = (...argv: string[]) =>
  runCli(['review', '--db', db, '--period', '2026-Q2', '--as-of', reviewAsOf, ...argv])

beforeAll(async () => {
  const store = await openStore(db, { create: true })
  await importDir(store, reviewFixture())
  await store.close()
})

describe('miernik review', { timeout: 120_000 }, () => {
  it('Markdown on stdout: the story, the headline, the drivers to the cent', async () => {
    const { code, out, err } = await review()
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(out).toMatch(/^# Quarterly review 2026-Q2\n/)
    expect(out).toContain(
      '- Revenue rose 50.0% to $60,000 (+$20,000): more deals won (+2, +$20,000), mostly from more opportunities created (+$13,333).',
    )
    expect(out).toContain('| Opportunities created | +$13,333.33 |')
    expect(out).toContain('| Win rate | +$5,000.00 |')
  })

  it('a PDF in Polish whose text holds the figures', async () => {
    const pdf = join(dir, 'q2.pdf')
    const { code, err } = await review('--format', 'pdf', '--lang', 'pl', '--out', pdf)
    expect(code, err).toBe(0)
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('Przegląd kwartalny 2026-Q2')
    expect(text).toContain('Dlaczego zmieniły się przychody')
    expect(text).toMatch(/Przychody wzrosły o 50,0\s?% do 60\s000\sUSD/)
    expect(text).toContain('Rae Two')
  })

  it('HTML is one file with its charts inline and nothing to fetch', async () => {
    const html = join(dir, 'q2.html')
    expect((await review('--format', 'html', '--out', html)).code).toBe(0)
    const page = readFileSync(html, 'utf8')
    expect(page).toContain('<svg')
    expect(page).not.toMatch(/<script|src="http|href="http/)
  })

  it('--save keeps the pack; list shows it; show prints it as saved', async () => {
    const saved = await review('--save', '--format', 'json', '--out', join(dir, 'saved.json'))
    expect(saved.err).toMatch(/saved as review 1/)
    const list = await runCli(['review', 'list', '--db', db])
    expect(list.out).toMatch(
      /1\s+│?\s*2026-Q2\s+│?\s*2026-04-01 – 2026-06-30\s+│?\s*2026-07-15\s+│?\s*company/,
    )
    const shown = await runCli(['review', 'show', '1', '--db', db])
    expect(shown.err).toMatch(/review 1: no figure has changed since it was saved/)
    expect(shown.out).toContain('## Restated since it was saved')
    expect((await runCli(['review', 'show', '9', '--db', db])).err).toMatch(/no saved review 9/)
  })

  it('says what is wrong with its options, and a missing browser', async () => {
    expect((await review('--format', 'docx')).err).toMatch(/unknown --format 'docx'/)
    expect((await review('--lang', 'de')).err).toMatch(/unknown --lang 'de'/)
    expect((await review('--format', 'pdf', '--out', '-')).err).toMatch(/a PDF goes to a file/)
    // No browser: said, with what to do about it.
    process.env.MIERNIK_CHROMIUM = join(dir, 'no-chromium-here')
    try {
      const none = await review('--format', 'pdf', '--out', join(dir, 'x.pdf'))
      expect(none.code).not.toBe(0)
      expect(none.err).toMatch(/MIERNIK_CHROMIUM names .*no-chromium-here, which does not exist/)
    } finally {
      delete process.env.MIERNIK_CHROMIUM
    }
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false)
  })
})

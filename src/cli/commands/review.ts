import { writeFileSync } from 'node:fs'
import { MiernikError } from '../../errors.js'
import { lastFullQuarter } from '../../metrics/periods.js'
import { buildReview } from '../../review/build-review.js'
import {
  renderReview,
  reviewFileName,
  reviewFormats,
  type ReviewFormat,
} from '../../review/render/render-pack.js'
import { openStore } from '../../store/open-store.js'
import { readSettings } from '../../store/settings.js'
import type { Io } from '../io.js'

export interface ReviewOptions {
  db?: string
  period?: string
  format: string
  out?: string
  lang: string
  by?: string
  scope?: string
  asOf?: string
  threshold: string
}

/** `miernik review`: the review pack of a period, as Markdown, HTML, PDF or JSON. */
export async function reviewCommand(options: ReviewOptions, io: Io): Promise<number> {
  const format = options.format as ReviewFormat
  if (!reviewFormats.includes(format))
    throw new MiernikError(
      'USAGE',
      `unknown --format '${options.format}': use ${reviewFormats.join(', ')}`,
    )
  if (options.lang !== 'en' && options.lang !== 'pl')
    throw new MiernikError('USAGE', `unknown --lang '${options.lang}': use en or pl`)
  if (options.by !== undefined && options.by !== 'team')
    throw new MiernikError('USAGE', `--by takes team, not '${options.by}'`)
  const threshold =
    Number(options.threshold.replace(/%$/, '')) / (options.threshold.endsWith('%') ? 100 : 1)
  if (!Number.isFinite(threshold) || threshold < 0)
    throw new MiernikError(
      'USAGE',
      `--threshold is a share of quota such as 0.7 or 70%, not '${options.threshold}'`,
    )
  const store = await openStore(options.db)
  try {
    const asOf = options.asOf ?? io.today()
    let period = options.period
    if (!period) {
      const settings = await readSettings(store)
      const q = lastFullQuarter(asOf, settings.fiscal_year_start_month)
      period = `${q.start.slice(0, 4)}-Q${Math.floor(Number(q.start.slice(5, 7)) / 3) + 1}`
      if (settings.fiscal_year_start_month !== 1) period = undefined
      if (!period) throw new MiernikError('USAGE', 'give the period to review: --period FY2026-Q2')
      io.err(`no period given: the last full quarter, ${period} (--period to choose)`)
    }
    const pack = await buildReview(store, {
      period,
      asOf,
      byTeam: options.by === 'team',
      threshold,
      ...(options.scope ? { scope: options.scope } : {}),
    })
    const lang = options.lang
    const rendered = await renderReview(pack, format, lang)
    const out =
      options.out ??
      (format === 'pdf' || format === 'html' ? reviewFileName(pack.label, format, lang) : undefined)
    if (out === undefined || out === '-') {
      if (format === 'pdf') throw new MiernikError('USAGE', 'a PDF goes to a file: --out FILE.pdf')
      io.out(rendered.body.toString('utf8').replace(/\n$/, ''))
    } else {
      writeFileSync(out, rendered.body)
      io.err(`${pack.label}: ${format.toUpperCase()} review written to ${out}`)
    }
    return 0
  } finally {
    await store.close()
  }
}

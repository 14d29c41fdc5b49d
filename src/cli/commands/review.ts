import { writeFileSync } from 'node:fs'
import { MiernikError } from '../../errors.js'
import { lastFullQuarter } from '../../metrics/periods.js'
import { buildReview } from '../../review/build-review.js'
import type { ReviewPack } from '../../review/pack.js'
import {
  listReviews,
  loadReview,
  restatements,
  saveReview,
  type Restatement,
} from '../../review/saved-reviews.js'
import type { Store } from '../../store/store.js'
import { renderTable } from '../table.js'
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
  save?: boolean
}

/**
 * `miernik review`: the review pack of a period, as Markdown, HTML, PDF or JSON (--save keeps
 * it as presented); `review list` the saved ones; `review show ID` one as saved, with the
 * figures a data correction has changed since.
 */
export async function reviewCommand(
  action: string | undefined,
  id: string | undefined,
  options: ReviewOptions,
  io: Io,
): Promise<number> {
  if (action !== undefined && action !== 'list' && action !== 'show')
    throw new MiernikError(
      'USAGE',
      `unknown review action '${action}': use list or show ID, or no action for a new pack`,
    )
  if (action === 'show' && id === undefined)
    throw new MiernikError('USAGE', 'review show needs the id of a saved review')
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
    if (action === 'list') return await listSaved(store, io)
    if (action === 'show') return await showSaved(store, Number(id), format, options, io)
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
    const input = {
      period,
      asOf,
      byTeam: options.by === 'team',
      threshold,
      ...(options.scope ? { scope: options.scope } : {}),
    }
    const pack = await buildReview(store, input)
    if (options.save) {
      const saved = await saveReview(store, pack, input, { by: null, now: new Date() })
      io.err(`saved as review ${saved}: 'miernik review show ${saved}' shows it as it is now`)
    }
    return await write(pack, format, options, io)
  } finally {
    await store.close()
  }
}

async function write(
  pack: ReviewPack,
  format: ReviewFormat,
  options: ReviewOptions,
  io: Io,
  restated?: Restatement[],
): Promise<number> {
  const lang = options.lang as 'en' | 'pl'
  const rendered = await renderReview(pack, format, lang, restated)
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
}

function listSaved(store: Store, io: Io): Promise<number> {
  return listReviews(store).then((list) => {
    if (list.length === 0) {
      io.out('no saved reviews yet: miernik review --period P --save')
      return 0
    }
    io.out(
      renderTable(
        [
          { head: 'id' },
          { head: 'period' },
          { head: 'dates' },
          { head: 'as of' },
          { head: 'scope' },
          { head: 'saved' },
        ],
        list.map((r) => [
          String(r.id),
          r.label,
          `${r.from} – ${r.to}`,
          r.asOf,
          r.scope ?? 'company',
          `${r.savedAt}${r.savedBy ? ` by ${r.savedBy}` : ''}`,
        ]),
        io.width,
      ),
    )
    return 0
  })
}

/** A saved review as presented, and what a fresh computation now says differently. */
async function showSaved(
  store: Store,
  id: number,
  format: ReviewFormat,
  options: ReviewOptions,
  io: Io,
): Promise<number> {
  const { pack } = await loadReview(store, id)
  const restated = await restatements(store, id)
  io.err(
    restated.length === 0
      ? `review ${id}: no figure has changed since it was saved`
      : `review ${id}: ${restated.length} figures restated since it was saved (listed at the end)`,
  )
  return write(pack, format, options, io, restated)
}

import { stringify } from 'csv-stringify/sync'
import { MiernikError } from '../../errors.js'
import { csvCell } from '../../format/csv-cell.js'
import { reviewFigures } from '../figures.js'
import type { ReviewPack } from '../pack.js'
import type { Restatement } from '../saved-reviews.js'
import { reviewDocument, type Lang } from './document.js'
import { renderHtml } from './html.js'
import { renderMarkdown } from './markdown.js'
import { renderPdf } from './pdf.js'

import { reviewFileName, reviewFormats, type ReviewFormat } from './file-name.js'

export { reviewFileName, reviewFormats, type ReviewFormat } from './file-name.js'

/** A rendered pack: its bytes, its media type and a file name. */
export interface RenderedReview {
  body: Buffer
  mime: string
  fileName: string
}

const mimes: Record<ReviewFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
}

/**
 * Every figure of the pack, one per line (figure key, value; with the value now when
 * restated): for a spreadsheet. Numbers unformatted, as the engine gave them.
 */
function figuresCsv(pack: ReviewPack, restated?: readonly Restatement[]): string {
  const now = new Map((restated ?? []).map((r) => [r.key, r.now]))
  // Keys hold names from the data (a channel, a rep id): made safe to open in a spreadsheet.
  const rows = Object.entries(reviewFigures(pack)).map(([key, value]) => [
    csvCell(key),
    value,
    ...(restated ? [now.has(key) ? now.get(key) : value] : []),
  ])
  return stringify([['figure', 'value', ...(restated ? ['value_now'] : [])], ...rows])
}

/** A pack in a format and language (JSON holds both languages' narrative). */
export async function renderReview(
  pack: ReviewPack,
  format: ReviewFormat,
  lang: Lang,
  restated?: readonly Restatement[],
): Promise<RenderedReview> {
  if (!(reviewFormats as readonly string[]).includes(format))
    throw new MiernikError('USAGE', `unknown format '${format}': use ${reviewFormats.join(', ')}`)
  const fileName = reviewFileName(pack.label, format, lang)
  const mime = mimes[format]
  if (format === 'json') {
    const json = restated ? { ...pack, restated } : pack
    return { body: Buffer.from(`${JSON.stringify(json, null, 2)}\n`), mime, fileName }
  }
  if (format === 'csv') return { body: Buffer.from(figuresCsv(pack, restated)), mime, fileName }
  const doc = reviewDocument(pack, lang, restated)
  if (format === 'md') return { body: Buffer.from(renderMarkdown(doc)), mime, fileName }
  const html = renderHtml(doc, pack.currency)
  if (format === 'html') return { body: Buffer.from(html), mime, fileName }
  return { body: await renderPdf(html), mime, fileName }
}

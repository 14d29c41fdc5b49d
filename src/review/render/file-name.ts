import type { Lang } from './document.js'

/** The formats a pack is rendered in. */
export const reviewFormats = ['md', 'html', 'pdf', 'json', 'csv'] as const
export type ReviewFormat = (typeof reviewFormats)[number]

/**
 * The file a pack is written to unless named: review-2026-Q3-en.pdf. Apart from the renderers
 * (which load ECharts): the CLI names the file before it forwards a command to a server.
 */
export function reviewFileName(label: string, format: ReviewFormat, lang: Lang): string {
  const safe = label.replace(/[^\w.-]+/g, '_')
  return format === 'json' || format === 'csv'
    ? `review-${safe}.${format}`
    : `review-${safe}-${lang}.${format}`
}

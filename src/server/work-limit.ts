import { buckets } from '../metrics/periods.js'
import type { ParsedQuery } from '../metrics/query-schema.js'
import { HttpError } from './http-errors.js'

/** The most period × metric cells one request may ask for (a dashboard page asks ~100). */
export const maxCells = 5000

/**
 * The work a request asks for, as period × metric cells (comparisons count twice): a
 * request over the limit gets a 400 naming it before anything runs.
 */
export function checkWork(queries: readonly ParsedQuery[], fiscalStartMonth: number): void {
  let cells = 0
  for (const q of queries) {
    const periods = buckets(q.from, q.to, q.grain, fiscalStartMonth).length
    cells += periods * new Set(q.metrics).size * (q.compare ? 2 : 1)
    if (cells > maxCells)
      throw new HttpError(
        400,
        'TOO_MUCH_WORK',
        `the request asks for more than ${maxCells.toLocaleString('en')} period × metric cells: ask for fewer metrics, a coarser grain or a shorter range`,
      )
  }
}

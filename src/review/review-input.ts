import { z } from 'zod'
import { MiernikError } from '../errors.js'
import { isoDateSchema } from '../metrics/iso-date.js'
import {
  addDays,
  addMonthsToMonthStart,
  parsePeriod,
  previousPeriod,
  yearAgoPeriod,
  type Period,
} from '../metrics/periods.js'
import { parseOrThrow } from '../validation.js'

/** What a review is asked for: the same for the library, the CLI, the server and schedules. */
export const reviewInputSchema = z
  .object({
    /** 2026-Q3, 2026-07, 2026, FY2026, FY2026-Q1. */
    period: z.string().min(4).max(20),
    asOf: isoDateSchema,
    /** Restrict the pack to a team or a rep: team:East, rep:r-17. */
    scope: z
      .string()
      .regex(/^(team|rep):.+$/, 'a scope is team:NAME or rep:ID')
      .optional(),
    /** The headline split by team as well. */
    byTeam: z.boolean().default(false),
    /** Reps under this share of their quota are listed for coaching. */
    threshold: z.number().min(0).max(10).default(0.7),
  })
  .strict()
export type ReviewInput = z.input<typeof reviewInputSchema>
export type ParsedReviewInput = z.output<typeof reviewInputSchema>

export function parseReviewInput(input: ReviewInput): ParsedReviewInput {
  return parseOrThrow(reviewInputSchema, input, 'review')
}

const grainMonths = { month: 1, quarter: 3, year: 12 } as const

/** The period reviewed, its kind and its neighbours. */
export function reviewPeriods(text: string, fiscalStartMonth: number) {
  const p = parsePeriod(text, fiscalStartMonth)
  if (p.grain === 'all') throw new MiernikError('INVALID_PERIOD', `cannot review '${text}'`)
  const grain = p.grain
  const period: Period = { start: p.from, end: p.to, aligned: grain }
  const next = addMonthsToMonthStart(p.from, grainMonths[grain])
  return {
    kind: grain,
    period,
    previous: previousPeriod(period),
    yearAgo: yearAgoPeriod(period),
    next: { start: next, end: addDays(addMonthsToMonthStart(next, grainMonths[grain]), -1) },
  }
}

/** The filters of a scope given as team:NAME or rep:ID. */
export function scopeFilters(scope: string | undefined): Record<string, string[]> {
  if (!scope) return {}
  const [kind, ...rest] = scope.split(':')
  return { [kind as string]: [rest.join(':')] }
}

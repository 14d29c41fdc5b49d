import { z } from 'zod'
import { isoDateSchema } from '../metrics/iso-date.js'
import { MiernikError } from '../errors.js'
import { parseOrThrow } from '../validation.js'

/** The options of qualityReport(): the same for the library and the CLI. */
export const qualityOptionsSchema = z
  .object({
    /** The date the data is read as of: records created later do not exist, later closes have not happened. */
    asOf: isoDateSchema,
    /** Optional period [from, to]: each check keeps the records whose relevant date falls in it. */
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    /** An open deal is stale after more than this many days without a stage change. */
    staleDays: z.number().int().min(0).default(30),
    /**
     * Deals of the same account and name are possible duplicates when created at most this
     * many days apart (repeat purchases further apart are not).
     */
    duplicateDays: z.number().int().min(0).default(30),
    /** At most this many records per check (the count is always the full count); default all. */
    limit: z.number().int().min(0).optional(),
    /**
     * Only the records owned by these reps (opportunities, leads and activities by their
     * owner, quotas by their rep); records without an owner (and subscriptions) are left
     * out. Absent: every record. Row-level access scoping passes the user's reps here.
     */
    owners: z.array(z.string()).optional(),
  })
  .strict()

export type QualityOptions = z.input<typeof qualityOptionsSchema>
export type ParsedQualityOptions = z.output<typeof qualityOptionsSchema>

export function parseQualityOptions(options: QualityOptions): ParsedQualityOptions {
  const parsed = parseOrThrow(qualityOptionsSchema, options, 'quality options', { root: 'options' })
  const { from, to } = parsed
  if ((from === undefined) !== (to === undefined)) {
    throw new MiernikError(
      'INVALID_QUERY',
      'invalid quality options: give both from and to, or neither',
    )
  }
  if (from !== undefined && to !== undefined && to < from) {
    throw new MiernikError('INVALID_PERIOD', `the period ends (${to}) before it starts (${from})`)
  }
  return parsed
}

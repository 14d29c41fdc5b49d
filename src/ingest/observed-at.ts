import { MiernikError } from '../errors.js'

/**
 * When a snapshot was taken, as an ISO date-time: the given date (midnight UTC) or
 * date-time, or `now` (the caller's clock read, at the edge). The time of stage moves and
 * field changes seen since the previous import.
 */
export function observedAt(given: string | undefined, now: Date): string {
  if (given === undefined) return now.toISOString()
  const t = new Date(/^\d{4}-\d{2}-\d{2}$/.test(given) ? `${given}T00:00:00Z` : given)
  if (Number.isNaN(t.getTime())) {
    throw new MiernikError('USAGE', `exported-at '${given}' is not a date or date-time`)
  }
  return t.toISOString()
}

import { readTime, sqlTime } from '../auth/secrets.js'
import type { Row, Store } from '../store/store.js'

/**
 * sending: claimed by a runner now; sent: delivered; retry: failed, tried again after a
 * backoff; failed: given up (retries spent, or a newer slot took its place) — kept and shown.
 */
export type DeliveryStatus = 'sending' | 'sent' | 'retry' | 'failed'

/** One (schedule, due time) slot and how its delivery went. */
export interface Delivery {
  scheduleId: number
  dueAt: Date
  status: DeliveryStatus
  attempts: number
  claimedAt: Date | null
  nextAttemptAt: Date | null
  reviewId: number | null
  error: string | null
  sentAt: Date | null
}

/** Minutes to wait after the 1st, 2nd, 3rd failed attempt; the 4th failure is final. */
export const retryDelaysMinutes = [5, 15, 60] as const
export const maxAttempts = retryDelaysMinutes.length + 1
/** A slot 'sending' for longer than this lost its runner (killed mid-send): it may be retried. */
export const leaseMinutes = 15

const minutes = (n: number) => n * 60_000
const columns = `schedule_id, CAST(due_at AS VARCHAR) AS due_at, status, attempts,
  CAST(claimed_at AS VARCHAR) AS claimed_at, CAST(next_attempt_at AS VARCHAR) AS next_attempt_at,
  review_id, error, CAST(sent_at AS VARCHAR) AS sent_at`
const slot = 'schedule_id = $1 AND due_at = CAST($2 AS TIMESTAMP)'

/**
 * Claims a due slot for this runner, in one transaction under the write lock (PostgreSQL:
 * an advisory lock, so concurrent `run-due`s take turns; the slot's primary key backs it):
 * a new slot, a retry whose backoff is over, or a send whose runner died. Returns the
 * claimed row (attempts counts this one), or null when the slot is another's, sent, failed
 * or waiting out its backoff. A newer slot supersedes older ones still waiting to retry.
 */
export async function claimDelivery(
  store: Store,
  scheduleId: number,
  dueAt: Date,
  now: Date,
): Promise<Delivery | null> {
  const state = { inserting: false }
  try {
    return await claimInTransaction(store, scheduleId, dueAt, now, state)
  } catch (e) {
    // Another runner's insert of the same slot won (the primary key refused ours): theirs.
    if (!state.inserting) throw e
    const [row] = await store.query(`SELECT status FROM schedule_deliveries WHERE ${slot}`, [
      scheduleId,
      sqlTime(dueAt),
    ])
    if (row) return null
    throw e
  }
}

function claimInTransaction(
  store: Store,
  scheduleId: number,
  dueAt: Date,
  now: Date,
  state: { inserting: boolean },
): Promise<Delivery | null> {
  return store.transaction(async () => {
    await store.lockForWrite()
    const [row] = await store.query(`SELECT ${columns} FROM schedule_deliveries WHERE ${slot}`, [
      scheduleId,
      sqlTime(dueAt),
    ])
    if (!row) {
      await store.run(
        `UPDATE schedule_deliveries SET status = 'failed', next_attempt_at = NULL,
                error = COALESCE(error, '') || $3
          WHERE schedule_id = $1 AND due_at < CAST($2 AS TIMESTAMP) AND status = 'retry'`,
        [scheduleId, sqlTime(dueAt), ` (given up: the slot of ${sqlTime(dueAt)} came due)`],
      )
      state.inserting = true
      await store.run(
        `INSERT INTO schedule_deliveries (schedule_id, due_at, status, attempts, claimed_at)
         VALUES ($1, CAST($2 AS TIMESTAMP), 'sending', 1, CAST($3 AS TIMESTAMP))`,
        [scheduleId, sqlTime(dueAt), sqlTime(now)],
      )
      return { ...emptyDelivery(scheduleId, dueAt), claimedAt: now }
    }
    const d = deliveryOf(row)
    const retryDue = d.status === 'retry' && (d.nextAttemptAt?.getTime() ?? 0) <= now.getTime()
    const abandoned =
      d.status === 'sending' &&
      (d.claimedAt?.getTime() ?? 0) + minutes(leaseMinutes) <= now.getTime()
    if (!retryDue && !abandoned) return null
    await store.run(
      `UPDATE schedule_deliveries SET status = 'sending', attempts = attempts + 1,
              claimed_at = CAST($3 AS TIMESTAMP), next_attempt_at = NULL WHERE ${slot}`,
      [scheduleId, sqlTime(dueAt), sqlTime(now)],
    )
    return {
      ...d,
      status: 'sending',
      attempts: d.attempts + 1,
      claimedAt: now,
      nextAttemptAt: null,
    }
  })
}

/** The review saved for a slot: a retry sends the same pack, not a second one. */
export async function recordReview(store: Store, d: Delivery, reviewId: number): Promise<void> {
  await store.run(`UPDATE schedule_deliveries SET review_id = $3 WHERE ${slot}`, [
    d.scheduleId,
    sqlTime(d.dueAt),
    reviewId,
  ])
}

/** The slot was delivered; `note` keeps what the server said of addresses it refused. */
export async function recordSent(
  store: Store,
  d: Delivery,
  now: Date,
  note: string | null,
): Promise<void> {
  await store.run(
    `UPDATE schedule_deliveries SET status = 'sent', sent_at = CAST($3 AS TIMESTAMP), error = $4 WHERE ${slot}`,
    [d.scheduleId, sqlTime(d.dueAt), sqlTime(now), note],
  )
}

/**
 * A failed attempt: retried after the backoff of its number, or — the last one — failed
 * for good. Returns the row's new status and when it will be tried again.
 */
export async function recordFailure(
  store: Store,
  d: Delivery,
  error: string,
  now: Date,
): Promise<{ status: 'retry' | 'failed'; nextAttemptAt: Date | null }> {
  const delay = retryDelaysMinutes[d.attempts - 1]
  const next = delay === undefined ? null : new Date(now.getTime() + minutes(delay))
  const status = next ? 'retry' : 'failed'
  await store.run(
    `UPDATE schedule_deliveries SET status = $3, error = $4,
            next_attempt_at = CAST($5 AS TIMESTAMP) WHERE ${slot}`,
    [d.scheduleId, sqlTime(d.dueAt), status, error.slice(0, 2000), next ? sqlTime(next) : null],
  )
  return { status, nextAttemptAt: next }
}

/** Per schedule: its latest slot, and how many of its slots failed for good. */
export async function deliverySummary(
  store: Store,
): Promise<Map<number, { last: Delivery; failed: number }>> {
  const rows = await store.query(
    `SELECT ${columns} FROM schedule_deliveries ORDER BY schedule_id, due_at`,
  )
  const out = new Map<number, { last: Delivery; failed: number }>()
  for (const row of rows) {
    const d = deliveryOf(row)
    const failed = (out.get(d.scheduleId)?.failed ?? 0) + (d.status === 'failed' ? 1 : 0)
    out.set(d.scheduleId, { last: d, failed })
  }
  return out
}

/** The delivery rows of one schedule, oldest first. */
export async function deliveriesOf(store: Store, scheduleId: number): Promise<Delivery[]> {
  const rows = await store.query(
    `SELECT ${columns} FROM schedule_deliveries WHERE schedule_id = $1 ORDER BY due_at`,
    [scheduleId],
  )
  return rows.map(deliveryOf)
}

function emptyDelivery(scheduleId: number, dueAt: Date): Delivery {
  return {
    scheduleId,
    dueAt,
    status: 'sending',
    attempts: 1,
    claimedAt: null,
    nextAttemptAt: null,
    reviewId: null,
    error: null,
    sentAt: null,
  }
}

function deliveryOf(r: Row): Delivery {
  return {
    scheduleId: Number(r.schedule_id),
    dueAt: readTime(r.due_at) as Date,
    status: String(r.status) as DeliveryStatus,
    attempts: Number(r.attempts),
    claimedAt: readTime(r.claimed_at),
    nextAttemptAt: readTime(r.next_attempt_at),
    reviewId: r.review_id === null ? null : Number(r.review_id),
    error: r.error === null ? null : String(r.error),
    sentAt: readTime(r.sent_at),
  }
}

import { audit } from '../auth/audit.js'
import { buildReview } from '../review/build-review.js'
import type { ReviewPack } from '../review/pack.js'
import { renderReview } from '../review/render/render-pack.js'
import { words } from '../review/render/words.js'
import { loadReview, saveReview } from '../review/saved-reviews.js'
import { readSettings } from '../store/settings.js'
import type { Store } from '../store/store.js'
import {
  claimDelivery,
  recordFailure,
  recordReview,
  recordSent,
  type Delivery,
} from './deliveries.js'
import { dueDate, latestDue } from './due-times.js'
import { resolvePeriod } from './relative-period.js'
import { listSchedules, type Schedule } from './schedules-store.js'
import type { SendMail } from './smtp-mailer.js'

/** What became of one slot a run claimed. */
export interface DeliveryOutcome {
  scheduleId: number
  dueAt: Date
  status: 'sent' | 'retry' | 'failed'
  attempts: number
  reviewId: number | null
  error?: string
  nextAttemptAt?: Date | null
}

export interface RunDueOptions {
  /** The time to run at: read at the edge (CLI, server timer), never here. */
  now: Date
  send: SendMail
  log: (message: string) => void
}

/**
 * Delivers what is due at `now`: per schedule, its latest due slot (earlier ones missed
 * while nothing ran are not sent late), unless another runner has it, it was delivered,
 * or it waits out a retry backoff. A slot's review is saved once (by 'schedule:ID'), then
 * rendered and mailed; every attempt is recorded and audited. One schedule failing does
 * not stop the others.
 */
export async function runDue(store: Store, options: RunDueOptions): Promise<DeliveryOutcome[]> {
  const { now } = options
  const outcomes: DeliveryOutcome[] = []
  for (const schedule of await listSchedules(store)) {
    const due = latestDue(schedule.cron, schedule.timeZone, schedule.createdAt, now)
    if (!due) continue
    const claimed = await claimDelivery(store, schedule.id, due, now)
    if (claimed) outcomes.push(await deliver(store, schedule, claimed, options))
  }
  return outcomes
}

async function deliver(
  store: Store,
  schedule: Schedule,
  d: Delivery,
  { now, send, log }: RunDueOptions,
): Promise<DeliveryOutcome> {
  const actor = `schedule:${schedule.id}`
  const target = `${actor}@${d.dueAt.toISOString()}`
  let reviewId = d.reviewId
  try {
    let pack: ReviewPack
    if (reviewId !== null) pack = (await loadReview(store, reviewId)).pack
    else {
      const settings = await readSettings(store)
      const asOf = dueDate(d.dueAt, schedule.timeZone)
      const input = {
        period: resolvePeriod(schedule.period, asOf, settings.fiscal_year_start_month),
        asOf,
        ...(schedule.scope ? { scope: schedule.scope } : {}),
      }
      pack = await buildReview(store, input)
      reviewId = await saveReview(store, pack, input, { by: actor, now })
      await recordReview(store, d, reviewId)
    }
    const rendered = await renderReview(pack, schedule.format, schedule.lang)
    const title = `${words[schedule.lang].kind[pack.kind]} ${pack.label}`
    const { rejected } = await send({
      to: schedule.recipients,
      subject: title,
      text: mailText(pack, schedule.lang, title),
      attachment: rendered,
    })
    const note = rejected.length > 0 ? `refused by the mail server: ${rejected.join(', ')}` : null
    await recordSent(store, d, now, note)
    await audit(store, { actor, action: 'schedule_delivery', target, ok: true, detail: note }, now)
    log(
      `schedule ${schedule.id}: ${title} sent to ${schedule.recipients.join(', ')}${note ? ` (${note})` : ''}`,
    )
    return {
      scheduleId: schedule.id,
      dueAt: d.dueAt,
      status: 'sent',
      attempts: d.attempts,
      reviewId,
    }
  } catch (e) {
    const error = (e as Error).message || String(e)
    const { status, nextAttemptAt } = await recordFailure(store, d, error, now)
    const detail = `attempt ${d.attempts}: ${error}`
    await audit(store, { actor, action: 'schedule_delivery', target, ok: false, detail }, now)
    log(
      `schedule ${schedule.id}: delivery of ${d.dueAt.toISOString()} failed (${detail}); ${
        nextAttemptAt ? `retried after ${nextAttemptAt.toISOString()}` : 'given up'
      }`,
    )
    return {
      scheduleId: schedule.id,
      dueAt: d.dueAt,
      status,
      attempts: d.attempts,
      reviewId,
      error,
      nextAttemptAt,
    }
  }
}

/** The mail's text: the title, the as-of date and the narrative's sentences. */
function mailText(pack: ReviewPack, lang: 'en' | 'pl', title: string): string {
  const w = words[lang]
  const lines = pack.narrative.map((s) => `- ${s[lang]}`)
  return `${title} (${w.asOf} ${pack.asOf})\n\n${lines.join('\n')}\n`
}

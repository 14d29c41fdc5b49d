import { MiernikError } from '../../errors.js'
import { deliverySummary, type Delivery } from '../../schedules/deliveries.js'
import { nextDue } from '../../schedules/due-times.js'
import { runDue } from '../../schedules/run-due.js'
import { parseScheduleSpec, type RawScheduleSpec } from '../../schedules/schedule-spec.js'
import {
  addSchedule,
  listSchedules,
  removeSchedule,
  scheduleId,
} from '../../schedules/schedules-store.js'
import { smtpMailer } from '../../schedules/smtp-mailer.js'
import { openStore } from '../../store/open-store.js'
import { readSettings } from '../../store/settings.js'
import { audit } from '../../auth/audit.js'
import { cliActor } from '../audit-cli.js'
import type { Io } from '../io.js'
import { renderTable } from '../table.js'

interface DbOptions {
  db?: string
}

/** The time now: the one clock read, here at the edge. */
const clock = (io: Io) => (io.now ? io.now() : new Date())

export async function scheduleAddCommand(
  kind: string,
  options: DbOptions & Omit<RawScheduleSpec, 'kind'>,
  io: Io,
): Promise<number> {
  const store = await openStore(options.db)
  try {
    const settings = await readSettings(store)
    const spec = parseScheduleSpec({ kind, ...options }, settings.fiscal_year_start_month)
    const now = clock(io)
    const id = await addSchedule(store, spec, { by: cliActor(), now })
    await audit(
      store,
      {
        actor: cliActor(),
        action: 'schedule_add',
        target: `schedule:${id}`,
        ok: true,
        detail: JSON.stringify(spec),
      },
      now,
    )
    const next = nextDue(spec.cron, spec.timeZone, now)
    io.out(
      `schedule ${id}: ${spec.period} review (${spec.format}, ${spec.lang}) to ${spec.recipients.join(', ')}; next ${stamp(next, spec.timeZone)}`,
    )
    if (!settings.smtp_host || !settings.smtp_from)
      io.err(
        'e-mail is not set up yet: miernik config set smtp_host HOST, smtp_from ADDRESS (and smtp_user, with MIERNIK_SMTP_PASSWORD in the environment of whatever runs the schedules)',
      )
    return 0
  } finally {
    await store.close()
  }
}

export async function scheduleListCommand(
  options: DbOptions & { format: string },
  io: Io,
): Promise<number> {
  if (options.format !== 'table' && options.format !== 'json')
    throw new MiernikError('USAGE', `unknown --format '${options.format}': use table or json`)
  const store = await openStore(options.db)
  try {
    const now = clock(io)
    const schedules = await listSchedules(store)
    const summary = await deliverySummary(store)
    const rows = schedules.map((s) => ({
      ...s,
      next: nextDue(s.cron, s.timeZone, now),
      last: summary.get(s.id)?.last ?? null,
      failed: summary.get(s.id)?.failed ?? 0,
    }))
    if (options.format === 'json') {
      io.out(JSON.stringify(rows, null, 2))
      return 0
    }
    if (rows.length === 0) {
      io.out('no schedules: miernik schedule add review --every "0 7 1 * *" --to a@example.com')
      return 0
    }
    io.out(
      renderTable(
        [
          { head: 'id' },
          { head: 'every' },
          { head: 'review' },
          { head: 'to' },
          { head: 'next run' },
          { head: 'last delivery' },
        ],
        rows.map((r) => [
          String(r.id),
          `${r.cron}${r.timeZone === 'UTC' ? '' : ` ${r.timeZone}`}`,
          `${r.period} ${r.format} ${r.lang}${r.scope ? ` ${r.scope}` : ''}`,
          r.recipients.join(', '),
          stamp(r.next, r.timeZone),
          lastDelivery(r.last, r.failed),
        ]),
        io.width,
      ),
    )
    return 0
  } finally {
    await store.close()
  }
}

export async function scheduleRemoveCommand(
  id: string,
  options: DbOptions,
  io: Io,
): Promise<number> {
  const n = scheduleId(id)
  const store = await openStore(options.db)
  try {
    const now = clock(io)
    const removed = await removeSchedule(store, n, now)
    await audit(
      store,
      { actor: cliActor(), action: 'schedule_remove', target: `schedule:${n}`, ok: removed },
      now,
    )
    if (!removed) {
      io.err(`no schedule ${n}: 'miernik schedule list' shows them`)
      return 1
    }
    io.out(`schedule ${n} removed`)
    return 0
  } finally {
    await store.close()
  }
}

/** Delivers what is due now; exit code 1 when a delivery failed (it is retried later). */
export async function scheduleRunDueCommand(options: DbOptions, io: Io): Promise<number> {
  const store = await openStore(options.db)
  try {
    const settings = await readSettings(store)
    const send = smtpMailer(settings, process.env.MIERNIK_SMTP_PASSWORD)
    const outcomes = await runDue(store, { now: clock(io), send, log: (m) => io.err(m) })
    if (outcomes.length === 0) io.err('nothing due')
    return outcomes.some((o) => o.status !== 'sent') ? 1 : 0
  } finally {
    await store.close()
  }
}

/** A time as the schedule reads it: in its zone, to the minute. */
function stamp(t: Date, timeZone: string): string {
  if (timeZone === 'UTC') return `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(t)
  return `${local} ${timeZone}`
}

function lastDelivery(d: Delivery | null, failed: number): string {
  if (!d) return 'none yet'
  const slot = stamp(d.dueAt, 'UTC')
  const earlier = failed > (d.status === 'failed' ? 1 : 0) ? ` (${failed} failed in all)` : ''
  const state =
    d.status === 'sent'
      ? `sent${d.error ? `; ${d.error}` : ''}`
      : d.status === 'retry'
        ? `retry ${d.attempts + 1} after ${stamp(d.nextAttemptAt as Date, 'UTC')}: ${d.error}`
        : d.status === 'failed'
          ? `FAILED after ${d.attempts} attempts: ${d.error}`
          : `sending (attempt ${d.attempts})`
  return `${slot}: ${state}${earlier}`
}

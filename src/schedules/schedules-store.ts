import { readTime, sqlTime } from '../auth/secrets.js'
import { MiernikError } from '../errors.js'
import type { ReviewFormat } from '../review/render/render-pack.js'
import type { Row, Store } from '../store/store.js'
import type { ScheduleSpec } from './schedule-spec.js'

/** A stored schedule: its spec, when and by whom it was made. */
export interface Schedule extends ScheduleSpec {
  id: number
  createdAt: Date
  createdBy: string | null
}

/** Stores a checked schedule; returns its id (never one a removed schedule had). */
export async function addSchedule(
  store: Store,
  spec: ScheduleSpec,
  meta: { by: string | null; now: Date },
): Promise<number> {
  return store.transaction(async () => {
    await store.lockForWrite()
    const [row] = await store.query('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM schedules')
    const id = Number(row?.id ?? 1)
    await store.run(
      `INSERT INTO schedules (id, kind, cron, time_zone, period, format, lang, scope, recipients, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CAST($10 AS TIMESTAMP), $11)`,
      [
        id,
        spec.kind,
        spec.cron,
        spec.timeZone,
        spec.period,
        spec.format,
        spec.lang,
        spec.scope,
        spec.recipients.join(','),
        sqlTime(meta.now),
        meta.by,
      ],
    )
    return id
  })
}

/** The schedules in force (not removed), by id. */
export async function listSchedules(store: Store): Promise<Schedule[]> {
  const rows = await store.query(
    `SELECT id, kind, cron, time_zone, period, format, lang, scope, recipients,
            CAST(created_at AS VARCHAR) AS created_at, created_by
       FROM schedules WHERE removed_at IS NULL ORDER BY id`,
  )
  return rows.map(scheduleOf)
}

/** Marks a schedule removed; false when there is none in force with that id. */
export async function removeSchedule(store: Store, id: number, now: Date): Promise<boolean> {
  return store.transaction(async () => {
    await store.lockForWrite()
    const [row] = await store.query(
      'SELECT id FROM schedules WHERE id = $1 AND removed_at IS NULL',
      [id],
    )
    if (!row) return false
    await store.run('UPDATE schedules SET removed_at = CAST($1 AS TIMESTAMP) WHERE id = $2', [
      sqlTime(now),
      id,
    ])
    return true
  })
}

/** A schedule id as typed: a whole number. */
export function scheduleId(text: string): number {
  const id = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id < 1)
    throw new MiernikError('USAGE', `a schedule id is a whole number, not '${text}'`)
  return id
}

function scheduleOf(r: Row): Schedule {
  return {
    id: Number(r.id),
    kind: 'review',
    cron: String(r.cron),
    timeZone: String(r.time_zone),
    period: String(r.period),
    format: String(r.format) as ReviewFormat,
    lang: r.lang === 'pl' ? 'pl' : 'en',
    scope: r.scope === null ? null : String(r.scope),
    recipients: String(r.recipients).split(','),
    createdAt: readTime(r.created_at) as Date,
    createdBy: r.created_by === null ? null : String(r.created_by),
  }
}

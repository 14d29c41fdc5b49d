import { MiernikError } from '../errors.js'
import { isEmailAddress } from '../validation.js'
import { reviewFormats, type ReviewFormat } from '../review/render/render-pack.js'
import { checkCron } from './due-times.js'
import { relativePeriods, resolvePeriod } from './relative-period.js'

/** What a review schedule sends: a pack of a period, in a format and language, to people. */
export interface ScheduleSpec {
  kind: 'review'
  /** 5-field cron expression, read in `timeZone`. */
  cron: string
  /** IANA time zone of the cron expression and of due dates (default UTC). */
  timeZone: string
  /** A relative period (last-month...) or an explicit one (2026-Q3). */
  period: string
  format: ReviewFormat
  lang: 'en' | 'pl'
  scope: string | null
  recipients: string[]
}

/** Raw options of `schedule add`, checked and normalised; every error says what to change. */
/** `schedule add`'s options as given. */
export interface RawScheduleSpec {
  kind: string
  every?: string
  tz?: string
  period?: string
  format?: string
  lang?: string
  scope?: string
  to?: string
}

export function parseScheduleSpec(raw: RawScheduleSpec, fiscalStartMonth: number): ScheduleSpec {
  if (raw.kind !== 'review')
    throw new MiernikError('USAGE', `unknown schedule kind '${raw.kind}': only review is scheduled`)
  if (!raw.every) throw new MiernikError('USAGE', 'give --every "MIN HOUR DAY MONTH WEEKDAY"')
  const timeZone = raw.tz ?? 'UTC'
  checkCron(raw.every, timeZone)
  const period = raw.period ?? 'last-month'
  try {
    resolvePeriod(period, '2026-01-01', fiscalStartMonth)
  } catch (e) {
    throw new MiernikError(
      'USAGE',
      `--period '${period}' is neither ${relativePeriods.join(', ')} nor a month, quarter or year like 2026-09, 2026-Q3, 2026`,
      { cause: e },
    )
  }
  const format = (raw.format ?? 'pdf') as ReviewFormat
  if (!reviewFormats.includes(format))
    throw new MiernikError(
      'USAGE',
      `unknown --format '${raw.format}': use ${reviewFormats.join(', ')}`,
    )
  const lang = raw.lang ?? 'en'
  if (lang !== 'en' && lang !== 'pl')
    throw new MiernikError('USAGE', `unknown --lang '${lang}': use en or pl`)
  if (raw.scope !== undefined && !/^(team|rep):.+$/.test(raw.scope))
    throw new MiernikError('USAGE', `--scope is team:NAME or rep:ID, not '${raw.scope}'`)
  const recipients = (raw.to ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
  if (recipients.length === 0)
    throw new MiernikError('USAGE', 'give the recipients: --to a@example.com,b@example.com')
  const bad = recipients.filter((r) => !isEmailAddress(r))
  if (bad.length > 0)
    throw new MiernikError('USAGE', `not an e-mail address: ${bad.map((b) => `'${b}'`).join(', ')}`)
  return {
    kind: 'review',
    cron: raw.every.trim().split(/\s+/).join(' '),
    timeZone,
    period,
    format,
    lang,
    scope: raw.scope ?? null,
    recipients: [...new Set(recipients)],
  }
}

import { CronExpressionParser } from 'cron-parser'
import { MiernikError } from '../errors.js'

/**
 * Checks a 5-field cron expression (minute hour day-of-month month day-of-week) and an IANA
 * time zone; the error says what is wrong. cron-parser also takes a sixth (seconds) field:
 * refused, so an expression means what crontab(5) says it means.
 */
export function checkCron(expression: string, timeZone: string): void {
  checkTimeZone(timeZone)
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 5)
    throw new MiernikError(
      'USAGE',
      `--every takes 5 cron fields (minute hour day month weekday), like "0 7 1 * *"; '${expression}' has ${fields.length}`,
    )
  try {
    CronExpressionParser.parse(expression, { tz: timeZone })
  } catch (e) {
    throw new MiernikError(
      'USAGE',
      `--every '${expression}' is not a cron expression: ${(e as Error).message}`,
    )
  }
}

export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    throw new MiernikError(
      'USAGE',
      `unknown time zone '${timeZone}': use an IANA name like Europe/Warsaw`,
    )
  }
}

/**
 * The latest time the expression names at or before `now` and after `since` (when the
 * schedule was made), or null: the one slot worth delivering now. Slots missed before it
 * (the machine was off) are not delivered late, one after another.
 */
export function latestDue(
  expression: string,
  timeZone: string,
  since: Date,
  now: Date,
): Date | null {
  // prev() is strictly before currentDate: start a millisecond after now so now itself counts.
  const cron = CronExpressionParser.parse(expression, {
    tz: timeZone,
    currentDate: new Date(now.getTime() + 1),
  })
  const due = cron.prev().toDate()
  return due.getTime() > since.getTime() ? due : null
}

/** The next time the expression names after `now`. */
export function nextDue(expression: string, timeZone: string, now: Date): Date {
  return CronExpressionParser.parse(expression, { tz: timeZone, currentDate: now }).next().toDate()
}

/**
 * The calendar date of a due time in the schedule's time zone (UTC unless --tz): the as-of
 * date of its pack, and the day relative periods count from.
 */
export function dueDate(due: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(due)
}

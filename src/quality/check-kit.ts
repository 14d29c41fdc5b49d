import { factViews } from '../metrics/fact-views/index.js'
import type { Dialect, Params } from '../store/dialect.js'
import type { Row } from '../store/store.js'

// What every data-quality check is, and the SQL pieces they share.

export const checkIds = [
  'open_no_amount',
  'won_no_amount',
  'open_no_close_date',
  'closed_after_as_of',
  'open_close_date_past',
  'close_date_pushed',
  'stale',
  'negative_cycle',
  'duplicate_deals',
  'unknown_owner',
  'unknown_account',
  'overlapping_quotas',
] as const
export type CheckId = (typeof checkIds)[number]

/** error: metrics come out wrong; warning: metrics miss data; info: pipeline hygiene. */
export type Severity = 'error' | 'warning' | 'info'

export interface CheckContext {
  dialect: Dialect
  params: Params
  asOf: string
  /** The day of the latest logged deal change (see dealsAsOf): later than as-of means the log is read. */
  lastChange?: string | null
  staleDays: number
  duplicateDays: number
  period: { from: string; to: string } | null
  /** Only records owned by these reps (see QualityOptions.owners); undefined: every record. */
  owners?: readonly string[]
}

export interface QualityCheck {
  id: CheckId
  severity: Severity
  description(ctx: { staleDays: number; duplicateDays: number }): string
  /** The same in Polish, for the dashboard. */
  descriptionPl(ctx: { staleDays: number; duplicateDays: number }): string
  /** The date a --period filters the records on, for the reader. */
  periodDate: string
  /** SELECT record_type, record_id, fields...: no ORDER BY (the report orders and limits). */
  sql(ctx: CheckContext): string
  /** ORDER BY over the statement's own columns. */
  orderBy: string
  /** Decimal fields given as numbers in the records (the store gives decimals as text). */
  numbers?: readonly string[]
  /** One line saying what is wrong with a record (the CSV's detail column). */
  detail(r: Row): string
}

/** The deals as of the as-of date (id, name, owner_id, status, stage, dates, cycle_days, amount...). */
export function deals(ctx: CheckContext): string {
  const sql = factViews.opportunities.sql({
    dialect: ctx.dialect,
    params: ctx.params,
    asOf: ctx.asOf,
    lastChange: ctx.lastChange,
    baseCurrency: '',
    dims: new Set(),
    money: false,
  })
  return `(${sql})`
}

/** ` AND expr BETWEEN from AND to` when a period is given, else nothing. */
export function inPeriod(ctx: CheckContext, expr: string): string {
  if (!ctx.period) return ''
  return ` AND ${expr} BETWEEN ${ctx.params.date(ctx.period.from)} AND ${ctx.params.date(ctx.period.to)}`
}

/**
 * ` AND expr IN (owners)` when the report is restricted to some owners, else nothing; with
 * no owner expression (a record nobody owns), nothing passes.
 */
export function ownedBy(ctx: CheckContext, expr: string | null): string {
  if (ctx.owners === undefined) return ''
  if (expr === null || ctx.owners.length === 0) return ' AND 1 = 0'
  return ` AND ${expr} IN (${ctx.owners.map((o) => ctx.params.add(o)).join(', ')})`
}

export const asOf = (ctx: CheckContext) => ctx.params.date(ctx.asOf)
export const dateOf = (expr: string) => `CAST(${expr} AS DATE)`
export const show = (v: Row[string] | undefined) =>
  v === null || v === undefined || v === '' ? '-' : String(v)

/** One branch per entity: its records whose `column` names no row of `target` (NULL is not checked). */
export function unknownRefs(
  ctx: CheckContext,
  target: 'reps' | 'accounts',
  parts: { type: string; from: string; column: string; date: string; owner: string | null }[],
): string {
  return parts
    .map(
      (p) =>
        `SELECT '${p.type}' AS record_type, x.id AS record_id, '${p.column}' AS field, x.${p.column} AS missing_id, ${p.date} AS record_date
          FROM ${p.from} x
         WHERE x.${p.column} IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t.id = x.${p.column})
           AND ${p.date} <= ${asOf(ctx)}${inPeriod(ctx, p.date)}${ownedBy(ctx, p.owner)}`,
    )
    .join('\nUNION ALL\n')
}

import { latestChange } from '../metrics/fact-views/deals-as-of.js'
import { Params } from '../store/dialect.js'
import type { Store } from '../store/store.js'
import {
  checks,
  type CheckContext,
  type CheckId,
  type QualityCheck,
  type Severity,
} from './checks.js'
import { parseQualityOptions, type QualityOptions } from './options.js'

/** One record with a problem: its entity and id, and the fields that explain the problem. */
export type QualityRecord = { record_type: string; record_id: string } & Record<
  string,
  string | number | boolean | null
>

export interface QualityCheckResult {
  id: CheckId
  description: string
  description_pl: string
  severity: Severity
  /** The date the period filters on (null when no period was given). */
  period_date: string | null
  /** Every record with the problem, whatever the limit. */
  count: number
  /** The records, in the check's order; at most `limit` of them. */
  records: QualityRecord[]
}

export interface QualityReport {
  as_of: string
  period: { from: string; to: string } | null
  stale_days: number
  duplicate_days: number
  checks: QualityCheckResult[]
}

/**
 * The data-quality report: every check run over the store as of `asOf`, optionally over a
 * period. A report, not a validation: problems are results, never errors.
 */
export async function qualityReport(store: Store, options: QualityOptions): Promise<QualityReport> {
  // Every check reads one state of the database, whatever an import commits meanwhile.
  return store.readSnapshot(() => qualityReportNow(store, options))
}

async function qualityReportNow(store: Store, options: QualityOptions): Promise<QualityReport> {
  const o = parseQualityOptions(options)
  const period = o.from !== undefined && o.to !== undefined ? { from: o.from, to: o.to } : null
  const results: QualityCheckResult[] = []
  const lastChange = await latestChange(store)
  for (const check of checks) {
    const ctx: CheckContext = {
      dialect: store.dialect,
      params: new Params(store.dialect),
      asOf: o.asOf,
      lastChange,
      staleDays: o.staleDays,
      duplicateDays: o.duplicateDays,
      period,
      ...(o.owners ? { owners: o.owners } : {}),
    }
    const { count, records } = await runCheck(store, check, ctx, o.limit)
    results.push({
      id: check.id,
      description: check.description({ staleDays: o.staleDays, duplicateDays: o.duplicateDays }),
      description_pl: check.descriptionPl({
        staleDays: o.staleDays,
        duplicateDays: o.duplicateDays,
      }),
      severity: check.severity,
      period_date: period ? check.periodDate : null,
      count,
      records,
    })
  }
  return {
    as_of: o.asOf,
    period,
    stale_days: o.staleDays,
    duplicate_days: o.duplicateDays,
    checks: results,
  }
}

/** The detail line of a record of a check (what the CSV and the table print). */
export function recordDetail(id: CheckId, record: QualityRecord): string {
  const check = checks.find((c) => c.id === id)
  return check ? check.detail(record) : ''
}

async function runCheck(
  store: Store,
  check: QualityCheck,
  ctx: CheckContext,
  limit: number | undefined,
): Promise<{ count: number; records: QualityRecord[] }> {
  const sql = check.sql(ctx)
  if (limit === 0) {
    const [row] = await store.query(`SELECT COUNT(*) AS n FROM (${sql}) q`, ctx.params.values)
    return { count: Number(row?.n ?? 0), records: [] }
  }
  // One statement gives the page and the full count.
  const rows = await store.query(
    `SELECT q.*, COUNT(*) OVER () AS quality_total FROM (${sql}) q ORDER BY ${check.orderBy}${
      limit === undefined ? '' : ` LIMIT ${limit}`
    }`,
    ctx.params.values,
  )
  const count = Number(rows[0]?.quality_total ?? 0)
  const records = rows.map((row) => {
    const fields = { ...row }
    delete fields.quality_total
    for (const name of check.numbers ?? []) {
      const v = fields[name]
      if (typeof v === 'string') fields[name] = Number(v)
    }
    // Assigned in place: the ids stay the first fields, as the statement selects them.
    fields.record_type = String(row.record_type)
    fields.record_id = String(row.record_id)
    return fields as QualityRecord
  })
  return { count, records }
}

import { stringify } from 'csv-stringify/sync'
import { MiernikError } from '../../errors.js'
import { isIsoDate, parsePeriod } from '../../metrics/periods.js'
import { qualityReport, recordDetail, type QualityReport } from '../../quality/report.js'
import { openStore } from '../../store/open-store.js'
import { readSettings } from '../../store/settings.js'
import { csvCell } from '../../format/csv-cell.js'
import type { Io } from '../io.js'
import { fitText, renderTable } from '../table.js'

export interface QualityCommandOptions {
  db?: string
  period?: string
  from?: string
  to?: string
  staleDays?: string
  duplicateDays?: string
  asOf?: string
  format: string
  limit?: string
}

/** Records shown per check in a table when --limit is not given (json and csv show all). */
export const defaultTableLimit = 20

/** Prints the data-quality report. Problems are the report's content: the exit code is 0. */
export async function qualityCommand(options: QualityCommandOptions, io: Io): Promise<number> {
  if (!['table', 'json', 'csv'].includes(options.format)) {
    throw new MiernikError('USAGE', `unknown --format '${options.format}': use table, json or csv`)
  }
  const staleDays = wholeNumber('--stale-days', options.staleDays ?? '30')
  const duplicateDays = wholeNumber('--duplicate-days', options.duplicateDays ?? '30')
  const limit =
    options.limit !== undefined
      ? wholeNumber('--limit', options.limit)
      : options.format === 'table'
        ? defaultTableLimit
        : undefined
  for (const [flag, value] of [
    ['--as-of', options.asOf],
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (value !== undefined && !isIsoDate(value))
      throw new MiernikError('USAGE', `${flag} must be a date YYYY-MM-DD, not '${value}'`)
  }
  if (options.period && (options.from || options.to))
    throw new MiernikError('USAGE', 'use either --period or --from/--to, not both')
  if ((options.from === undefined) !== (options.to === undefined))
    throw new MiernikError('USAGE', 'give both --from and --to (or a --period)')
  const asOf = options.asOf ?? io.today()

  const store = await openStore(options.db)
  try {
    let from = options.from
    let to = options.to
    if (options.period) {
      const settings = await readSettings(store)
      ;({ from, to } = parsePeriod(options.period, settings.fiscal_year_start_month))
    }
    const report = await qualityReport(store, {
      asOf,
      staleDays,
      duplicateDays,
      ...(from !== undefined && to !== undefined ? { from, to } : {}),
      ...(limit !== undefined ? { limit } : {}),
    })
    print(report, options.format, io)
    return 0
  } finally {
    await store.close()
  }
}

function wholeNumber(flag: string, text: string): number {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n))
    throw new MiernikError('USAGE', `${flag} must be a whole number of 0 or more, not '${text}'`)
  return n
}

function print(report: QualityReport, format: string, io: Io): void {
  if (format === 'json') {
    io.out(JSON.stringify(report, null, 2))
    return
  }
  if (format === 'csv') {
    const rows = report.checks.flatMap((c) =>
      c.records.map((r) => [c.id, r.record_type, r.record_id, recordDetail(c.id, r)]),
    )
    io.out(
      stringify([
        ['check', 'record_type', 'record_id', 'detail'],
        ...rows.map((r) => r.map(csvCell)),
      ]),
    )
    return
  }
  const width = io.width
  const say = (line: string) => fitText(line, width, '  ')
  const scope = report.period ? `${report.period.from} – ${report.period.to}` : 'all data'
  const lines = [say(`Data quality as of ${report.as_of}, ${scope}:`)]
  lines.push(
    renderTable(
      [
        { head: 'Check', wrap: true },
        { head: 'Severity' },
        { head: 'Description', wrap: true },
        { head: 'Count', align: 'right' },
      ],
      report.checks.map((c) => [c.id, c.severity, c.description, String(c.count)]),
      width,
    ),
  )
  for (const c of report.checks.filter((x) => x.count > 0)) {
    const shown = c.records.length < c.count ? `, the first ${c.records.length}` : ''
    const dated = report.period && c.period_date ? ` (period on ${c.period_date})` : ''
    lines.push(
      '',
      say(`${c.id}: ${c.count} ${c.count === 1 ? 'record' : 'records'}${shown}${dated}`),
    )
    if (c.records.length === 0) continue
    const columns = [...new Set(c.records.flatMap((r) => Object.keys(r)))]
    lines.push(
      renderTable(
        columns.map((head) => ({ head, wrap: true })),
        c.records.map((r) => columns.map((k) => cell(r[k]))),
        width,
      ),
    )
    if (c.records.length < c.count)
      lines.push(
        say(
          `… and ${c.count - c.records.length} more (raise --limit, or use --format csv or json)`,
        ),
      )
  }
  if (report.checks.every((c) => c.count === 0)) lines.push('', 'No problems found.')
  io.out(lines.join('\n'))
}

const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v))

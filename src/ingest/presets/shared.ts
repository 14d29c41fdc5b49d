import type { ColumnSource, FileMapping } from '../mapping/file-mapping.js'
import { lastStageChange } from '../side-writes.js'
import { currencyOfMoney } from '../mapping/normalise-sql.js'
import type { Derived, Fields } from './preset.js'

/**
 * CRMs keep one "close date": the actual close of a closed deal, the expected one of an
 * open deal. It is the deal's closed_on once closed, and its expected_close_on while open:
 * an actual close is never passed off as a forecast. A deal seen open by an earlier import
 * keeps its expected close of then in the change log, which past pipeline coverage reads.
 */
export function splitCloseDate(
  f: Fields,
  status: ColumnSource | undefined,
  column: string | undefined,
): Derived {
  if (!column || !status) return {}
  const date = f.date(column)
  const closed = `(${status.sql}) IN ('won', 'lost')`
  return {
    closed_on: { sql: `CASE WHEN ${closed} THEN ${date} END`, from: [column] },
    expected_close_on: { sql: `CASE WHEN NOT ${closed} THEN ${date} END`, from: [column] },
  }
}

/**
 * Status from a CRM's own flags, whichever it exports: won → won; lost → lost; closed and
 * not won → lost. The stage label decides only where no flag says anything: a row whose
 * flag cells are all empty, or (for lost) a file without a lost or closed flag.
 */
export function statusFromFlags(
  f: Fields,
  flags: { won?: string | undefined; lost?: string | undefined; closed?: string | undefined },
  stage: ColumnSource | undefined,
): ColumnSource | undefined {
  const columns = [flags.won, flags.lost, flags.closed].filter((c): c is string => !!c)
  const label = stage ? statusFromStageLabel(stage.sql) : `'open'`
  if (columns.length === 0) return stage ? { sql: label, from: stage.from } : undefined
  const on = (c: string | undefined) => (c ? `(${f.bool(c)}) = 'true'` : 'FALSE')
  const anyCell = `COALESCE(${columns.map((c) => f.text(c)).join(', ')}) IS NOT NULL`
  const closedNotWon = flags.won
    ? `'lost'`
    : `CASE WHEN (${label}) = 'won' THEN 'won' ELSE 'lost' END`
  // A flag the file lacks is told by the label; one it has and leaves false is not.
  const wonByLabel = flags.won ? 'FALSE' : `(${label}) = 'won'`
  const lostByLabel = flags.lost || flags.closed ? 'FALSE' : `(${label}) = 'lost'`
  return {
    sql: `CASE WHEN ${on(flags.won)} THEN 'won' WHEN ${on(flags.lost)} THEN 'lost'
      WHEN ${on(flags.closed)} THEN ${closedNotWon}
      WHEN NOT (${anyCell}) THEN ${label}
      WHEN ${wonByLabel} THEN 'won'
      WHEN ${lostByLabel} THEN 'lost' ELSE 'open' END`,
    from: [...columns, ...(stage?.from ?? [])],
  }
}

/** The currency column, else the symbol or code written in the amount cell. */
export function currencyFrom(
  f: Fields,
  currencyColumn: string | undefined,
  amountColumn: string | undefined,
): ColumnSource | undefined {
  if (currencyColumn) return { sql: f.text(currencyColumn), from: [currencyColumn] }
  if (!amountColumn) return undefined
  return { sql: currencyOfMoney(f.text(amountColumn), f.dialect), from: [amountColumn] }
}

/** A 0-1 probability (HubSpot's) or a percentage ('20%', '20') → 0-100. */
export function percentText(f: Fields, column: string): string {
  const cell = f.text(column)
  const d = f.dialect
  return `CASE WHEN ${d.fullMatch(cell, '(0?\\.[0-9]+|0|1|1\\.0+)')} THEN CAST(${d.tryCast(cell, 'decimal')} * 100 AS ${d.columnType('text')})
    ELSE TRIM(replace(${cell}, '%', '')) END`
}

/** 'won' / 'lost' / 'open' from a stage label ("Closed Won", "closedlost"), for files without flags. */
export function statusFromStageLabel(stageSql: string): string {
  return `CASE WHEN regexp_replace(LOWER(${stageSql}), '[^a-z]', '', 'g') LIKE '%closedwon%' THEN 'won'
    WHEN regexp_replace(LOWER(${stageSql}), '[^a-z]', '', 'g') LIKE '%closedlost%' THEN 'lost' ELSE 'open' END`
}

/** Stages the account name cell beside the id, for accounts created from names. */
export function stageAccountName(mapping: FileMapping, sql: string, column: string): string {
  mapping.extras.push({ name: 'account_name', type: 'text', sql, from: [column] })
  return 'account_name'
}

/** Stages the CRM's "last stage change" time, when the export has it. */
export function snapshotTime(mapping: FileMapping, f: Fields, column: string | undefined): boolean {
  if (!column) return false
  mapping.extras.push({
    name: lastStageChange,
    type: 'timestamp',
    sql: f.date(column),
    from: [column],
  })
  return true
}

/** A deal's amount: empty stays unknown (NULL): counted in counts, left out of money (no_amount). */
export function amountOf(f: Fields, column: string | undefined): ColumnSource | undefined {
  if (!column) return undefined
  return { sql: f.amount(column), from: [column] }
}

/**
 * CRM forecast categories → Miernik's: Salesforce's labels (ForecastCategoryName) and API
 * values (ForecastCategory, where Forecast is Commit), HubSpot's labels and internal values
 * (hs_manual_forecast_category). Closed (a won deal's) is commit, as both CRMs roll closed
 * deals into the commit forecast; Salesforce's Most Likely, between commit and best case, is
 * best case: not committed.
 */
export const forecastCategoryValues: Record<string, string> = {
  commit: 'commit',
  forecast: 'commit',
  closed: 'commit',
  'closed won': 'commit',
  'best case': 'best_case',
  bestcase: 'best_case',
  'most likely': 'best_case',
  mostlikely: 'best_case',
  most_likely: 'best_case',
  omit: 'omitted',
  'not forecasted': 'omitted',
}

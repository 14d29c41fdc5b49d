import { closedDailyTable, createdDailyTable, dealDaysCurrent } from '../../model/deal-days.js'
import type { Store } from '../../store/store.js'
import type { Dimension, Measure, Where } from '../metric-schema.js'
import { dimJoins, dimSelect, rangeSql, teamDate, type ViewContext } from './fact-view.js'

/** The dimensions the tables keep: the owner, and through the owner's history the team. */
const dims = { rep: 'o.owner_id', team: 'r.team' } as const

/** What a scan of deals needs to know to read the deals per day (model/deal-days.ts). */
export interface DealDays {
  /** The latest close date of any deal: a deal closed later than the as-of date was open then. */
  lastClose: string | null
}

/** What the metrics need to know of the deals per day, or undefined when they are not current. */
export async function dealDaysOf(store: Store): Promise<DealDays | undefined> {
  if (!(await dealDaysCurrent(store))) return undefined
  // The column's greatest value: DuckDB reads it from its statistics, PostgreSQL from its index.
  const [row] = await store.query(
    'SELECT CAST(MAX(closed_on) AS VARCHAR) AS day FROM opportunities',
  )
  return { lastClose: row?.day ? String(row.day) : null }
}

/** Conditions a row answers as its deals would, by column (see DailyTable.answers). */
type Answers = Record<string, (c: Where[string]) => boolean>

interface DailyTable {
  /** The date a window of the table's measures is keyed on. */
  date: string
  /** The conditions a row answers, by column; any other fails the fit. */
  answers: Answers
  /** The column a sum or a mean may read, by aggregate (count always fits). */
  aggregated: Partial<Record<Measure['agg'], string>>
  /** Whether the table holds the deals as of `asOf` (beyond the change log, checked for all). */
  holds(asOf: string, days: DealDays): boolean
  sql(ctx: ViewContext): string
}

const anyValue = (c: Where[string]) => typeof c !== 'object' || Array.isArray(c) || 'isNull' in c

/**
 * The closed deals of the opportunities view as rows of closed_deals_daily: the same
 * columns where a closed-window measure reads them, one row standing for `deals` deals. A
 * condition reads a row's status as it is; `amount` is NULL exactly where the row's deals
 * have no amount; `cycle_days` is -1 where they were closed before they were created and 0
 * otherwise (only `< 0` is asked of it). Summed columns: amount_base (in the row's currency,
 * converted after aggregating), cycle_days_sum and cycle_days_count.
 */
const closed: DailyTable = {
  date: 'closed_on',
  answers: {
    status: anyValue,
    amount: (c) => typeof c === 'object' && !Array.isArray(c) && 'isNull' in c,
    cycle_days: (c) => typeof c === 'object' && !Array.isArray(c) && 'lt' in c && c.lt === 0,
  },
  aggregated: { sum: 'amount_base', mean: 'cycle_days' },
  holds: () => true,
  sql(ctx) {
    const asOf = ctx.params.date(ctx.asOf)
    const date = teamDate(ctx, { closed_on: 'o.closed_on' })
    // Closed by the as-of date, and created by it (the opportunities view's own rule; only a
    // deal closed before it was created can be created later than it closed).
    return `SELECT o.owner_id, o.status, o.closed_on, o.currency, o.closed_on AS fx_date, o.amount,
        ${ctx.dialect.wideAmount('o.amount')} AS amount_base,
        CASE WHEN o.created_late IS NULL THEN 0 ELSE -1 END AS cycle_days,
        o.cycle_days AS cycle_days_sum, o.deals AS cycle_days_count, o.deals${dimSelect(ctx, dims, date)}
      FROM ${closedDailyTable} o${dimJoins(ctx, dims, { rep: 'o.owner_id', date })}
     WHERE o.closed_on <= ${asOf} AND (o.created_late IS NULL OR o.created_late <= ${asOf})${rangeSql(ctx, { closed_on: 'o.closed_on' })}`
  },
}

/**
 * Deals by creation day as rows of created_deals_daily: counts under conditions on status.
 * A row's status is its deals' status now, which is their status as of any date no deal
 * closed after (holds).
 */
const created: DailyTable = {
  date: 'created_on',
  answers: { status: anyValue },
  aggregated: {},
  holds: (asOf, days) => days.lastClose === null || days.lastClose <= asOf,
  sql(ctx) {
    const date = teamDate(ctx, { created_on: 'o.created_on' })
    return `SELECT o.owner_id, o.status, o.created_on, o.deals${dimSelect(ctx, dims, date)}
      FROM ${createdDailyTable} o${dimJoins(ctx, dims, { rep: 'o.owner_id', date })}
     WHERE o.created_on <= ${ctx.params.date(ctx.asOf)}${rangeSql(ctx, { created_on: 'o.created_on' })}`
  },
}

const tables = [closed, created]

const fitsWhere = (answers: Answers, w: Where | undefined) =>
  Object.entries(w ?? {}).every(
    ([column, c]) => Object.hasOwn(answers, column) && answers[column]?.(c),
  )

/**
 * The SQL of the deals per day a scan can read instead of the deals, or null: measures of
 * deals in the period (or up to its reference date) by one date, counting deals, summing
 * money or averaging the cycle under conditions the table answers; grouped and filtered by
 * rep and team alone; and no later change in the log (deals read as of an earlier date go
 * through it).
 */
export function dealDaysView(input: {
  measures: readonly { measure: Measure }[]
  dims: ReadonlySet<Dimension>
  asOf: string
  lastChange?: string | null | undefined
  days: DealDays
}): ((ctx: ViewContext) => string) | null {
  const { measures } = input
  if (input.lastChange && input.lastChange > input.asOf) return null
  if (![...input.dims].every((d) => Object.hasOwn(dims, d)) || measures.length === 0) return null
  const table = tables.find((t) => t.date === measures[0]?.measure.date)
  if (!table || !table.holds(input.asOf, input.days)) return null
  const fits = measures.every(
    ({ measure: m }) =>
      m.source === 'opportunities' &&
      (m.window === 'in' || m.window === 'to_ref') &&
      m.date === table.date &&
      (m.agg === 'count' || (m.column !== undefined && table.aggregated[m.agg] === m.column)) &&
      fitsWhere(table.answers, m.where) &&
      fitsWhere(table.answers, m.exclude),
  )
  return fits ? table.sql : null
}

import type { ColumnKind } from '../../contracts/vocabulary.js'
import type { Dialect, Params } from '../../store/dialect.js'
import { dimColumn } from '../columns.js'
import type { Dimension } from '../metric-schema.js'

/** What a fact view needs to build its SQL: parameters, the as-of date and the base currency. */
export interface ViewContext {
  dialect: Dialect
  params: Params
  asOf: string
  baseCurrency: string
  /** Dimensions used by the query (grouping and filters); only their joins are added. */
  dims: ReadonlySet<Dimension>
  /** Whether any measure reads amount_base; when not, the fx join is left out. */
  money?: boolean
  /**
   * The query converts after aggregating (see FactView.convertsLater): amount_base is left
   * in the record's own currency, and the view adds the day it converts on as fx_date.
   */
  convertLater?: boolean
  /** Rows outside [from, to] on this date column cannot match any period: filtered first. */
  range?: { date: string; from: string; to: string }
  /** The date column the measures read: a record counts for its rep's team on that date. */
  date?: string
  /** The day of the latest logged deal change: deals are read as of through the log when later. */
  lastChange?: string | null | undefined
}

/** A record column as the drill-down shows it. */
export interface RecordColumn {
  name: string
  type: ColumnKind
}

/**
 * A fact view: one entity as the metrics read it (its state as of the as-of date, money
 * in the base currency, dimensions as dim_<d> columns), and what a user sees of its records.
 */
export interface FactView {
  /** Dimension -> SQL over the view's own aliases (o = the entity, r = reps, a = accounts). */
  dims: Partial<Record<Dimension, string>>
  /** Whether the view converts money (and so needs fx rates). */
  money: boolean
  /**
   * Whether the view can leave its money unconverted (ViewContext.convertLater): its
   * amount_base in the currency column's currency, converted on its fx_date column.
   */
  convertsLater?: boolean
  /** The columns of its records in a drill-down, in order. */
  records: RecordColumn[]
  sql(ctx: ViewContext): string
}

/** The range pre-filter on a raw column (AND-prefixed), or nothing. */
export function rangeSql(ctx: ViewContext, columns: Record<string, string>): string {
  const r = ctx.range
  const column = r ? columns[r.date] : undefined
  if (!r || !column) return ''
  return ` AND ${column} BETWEEN ${ctx.params.date(r.from)} AND ${ctx.params.date(r.to)}`
}

/**
 * The team of a record: its rep's team on `dateExpr` by rep_teams, where the history
 * covers that date, else the rep's team now (reps.team). A team move in November leaves
 * what the team sold in Q2 where it was.
 */
export const teamOnDate = (dateExpr: string) =>
  `COALESCE(CASE WHEN rt.valid_to IS NULL OR ${dateExpr} <= rt.valid_to THEN rt.team END, r.team)`

/**
 * The date a view's records count for a team on: the column of the date the measures read
 * (close date for outcomes, creation for cohorts), else the as-of date (open pipeline).
 * Undefined when the query does not use the team.
 */
export function teamDate(ctx: ViewContext, columns: Record<string, string>): TeamDate | undefined {
  if (!ctx.dims.has('team')) return undefined
  const column = ctx.date ? columns[ctx.date] : undefined
  return column
    ? { sql: column, constant: false }
    : { sql: ctx.params.date(ctx.asOf), constant: true }
}

/** The date of a record's team: a column of the view, or one date for all (constant). */
export interface TeamDate {
  sql: string
  constant: boolean
}

/** The rep_teams row in force on a date: an ASOF-style lookup per row, or one filter for a constant date. */
function teamJoin(ctx: ViewContext, rep: string, date: TeamDate): string {
  if (date.constant)
    return ` LEFT JOIN (SELECT rep_id, team, valid_to FROM (
        SELECT h.*, ROW_NUMBER() OVER (PARTITION BY h.rep_id ORDER BY h.valid_from DESC) AS rn
          FROM rep_teams h WHERE h.valid_from <= ${date.sql}) x WHERE rn = 1) rt ON rt.rep_id = ${rep}`
  return ` ${ctx.dialect.latestJoin({
    table: 'rep_teams',
    key: 'rep_id',
    on: 'valid_from',
    columns: ['team', 'valid_to'],
    keyExpr: rep,
    dateExpr: date.sql,
    alias: 'rt',
  })}`
}

/**
 * The rep and account joins the dimensions in use need; with `team` history, the
 * rep_teams row in force on `date` as rt.
 */
export function dimJoins(
  ctx: ViewContext,
  dims: Partial<Record<Dimension, string>>,
  keys: { rep?: string; account?: string; date?: TeamDate | undefined },
): string {
  const uses = (alias: string) => [...ctx.dims].some((d) => dims[d]?.startsWith(`${alias}.`))
  let sql = ''
  if (keys.rep && uses('r')) sql += ` LEFT JOIN reps r ON r.id = ${keys.rep}`
  if (keys.rep && keys.date && ctx.dims.has('team')) sql += teamJoin(ctx, keys.rep, keys.date)
  if (keys.account && uses('a')) sql += ` LEFT JOIN accounts a ON a.id = ${keys.account}`
  return sql
}

/**
 * `, <expr> AS dim_<d>` for each dimension in use (NULL where the view has none); the
 * team on `teamDateExpr` where the view has team history.
 */
export function dimSelect(
  ctx: ViewContext,
  dims: Partial<Record<Dimension, string>>,
  date?: TeamDate,
): string {
  const expr = (d: Dimension) =>
    d === 'team' && date && dims.team ? teamOnDate(date.sql) : (dims[d] ?? 'NULL')
  return [...ctx.dims].map((d) => `, ${expr(d)} AS ${dimColumn(d)}`).join('')
}

/** Dimensions of a record owned by a rep (owner_id) and tied to an account (account_id). */
export const ownerDims = {
  rep: 'o.owner_id',
  team: 'r.team',
  segment: 'a.segment',
  region: 'a.region',
  source: 'o.source',
} as const

/** The reps join of a fact with a rep_id (o.rep_id), and its team history on `date`. */
export function repJoins(ctx: ViewContext, date: TeamDate): string {
  return `LEFT JOIN reps r ON r.id = o.rep_id${dimJoins(ctx, {}, { rep: 'o.rep_id', date })}`
}

/** A fact's own date column as its team date. */
export const onColumn = (sql: string): TeamDate => ({ sql, constant: false })

/**
 * Rep dimensions of a fact with a rep_id: the rep is the fact's own id, so a quota or an
 * activity of a rep missing from reps still meets that rep's deals (owner_id).
 */
export const factRepDims = { rep: 'o.rep_id', team: 'r.team' } as const

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
  /** Rows outside [from, to] on this date column cannot match any period: filtered first. */
  range?: { date: string; from: string; to: string }
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

/** The rep and account joins the dimensions in use need. */
export function dimJoins(
  ctx: ViewContext,
  dims: Partial<Record<Dimension, string>>,
  repKey?: string,
  accountKey?: string,
): string {
  const uses = (alias: string) => [...ctx.dims].some((d) => dims[d]?.startsWith(`${alias}.`))
  let sql = ''
  if (repKey && uses('r')) sql += ` LEFT JOIN reps r ON r.id = ${repKey}`
  if (accountKey && uses('a')) sql += ` LEFT JOIN accounts a ON a.id = ${accountKey}`
  return sql
}

/** `, <expr> AS dim_<d>` for each dimension in use (NULL where the view has none). */
export function dimSelect(ctx: ViewContext, dims: Partial<Record<Dimension, string>>): string {
  return [...ctx.dims].map((d) => `, ${dims[d] ?? 'NULL'} AS ${dimColumn(d)}`).join('')
}

/** Dimensions of a record owned by a rep (owner_id) and tied to an account (account_id). */
export const ownerDims = {
  rep: 'o.owner_id',
  team: 'r.team',
  segment: 'a.segment',
  region: 'a.region',
  source: 'o.source',
} as const

/**
 * Rep dimensions of a fact with a rep_id: the rep is the fact's own id, so a quota or an
 * activity of a rep missing from reps still meets that rep's deals (owner_id).
 */
export const factRepDims = { rep: 'o.rep_id', team: 'r.team' } as const

import type { Dialect, Params } from '../store/dialect.js'
import type { Dimension, SourceName } from './metric-schema.js'

/** What a source needs to build its SQL: parameters, the as-of date and the base currency. */
export interface SourceContext {
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

/** The range pre-filter on a raw column of alias o (AND-prefixed), or nothing. */
function rangeSql(ctx: SourceContext, columns: Record<string, string>): string {
  const r = ctx.range
  const column = r ? columns[r.date] : undefined
  if (!r || !column) return ''
  return ` AND ${column} BETWEEN ${ctx.params.date(r.from)} AND ${ctx.params.date(r.to)}`
}

export interface Source {
  /** Dimension -> SQL over the source's own aliases (o = the entity, r = reps, a = accounts). */
  dims: Partial<Record<Dimension, string>>
  /** Whether the source converts money (and so needs fx rates). */
  money: boolean
  sql(ctx: SourceContext): string
}

const repDims = { rep: 'r.id', team: 'r.team' } as const
/**
 * Rep dimensions of a fact with a rep_id: the rep is the fact's own id, so a quota or an
 * activity of a rep missing from reps still meets that rep's deals (owner_id).
 */
const factRepDims = { rep: 'o.rep_id', team: 'r.team' } as const

/**
 * Money in the base currency at the rate in force on `dateExpr`: the record's currency
 * times the latest rate on or before that date; NULL when that rate is missing (checked).
 */
function money(ctx: SourceContext, amount: string, currency: string): string {
  return `${ctx.dialect.wideAmount(amount)} * CASE WHEN ${currency} = ${ctx.params.add(ctx.baseCurrency)} THEN 1 ELSE fx.rate END`
}

function joins(
  ctx: SourceContext,
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

function dimColumns(ctx: SourceContext, dims: Partial<Record<Dimension, string>>): string {
  return [...ctx.dims].map((d) => `, ${dims[d] ?? 'NULL'} AS dim_${d}`).join('')
}

const opportunityDims: Partial<Record<Dimension, string>> = {
  rep: 'o.owner_id',
  team: 'r.team',
  segment: 'a.segment',
  region: 'a.region',
  source: 'o.source',
  product: 'o.product',
  pipeline: 'o.pipeline',
}

export const sources: Record<SourceName, Source> = {
  opportunities: {
    dims: opportunityDims,
    money: true,
    sql(ctx) {
      const asOf = ctx.params.date(ctx.asOf)
      // A deal's state as of as_of: a close dated later has not happened yet.
      const inner = `SELECT o.*, CASE WHEN o.status IN ('won', 'lost') AND o.closed_on <= ${asOf} THEN o.status ELSE 'open' END AS status_asof,
          CASE WHEN o.status IN ('won', 'lost') AND o.closed_on <= ${asOf} THEN o.closed_on END AS closed_asof,
          -- Closed deals convert at their close date's rate; open pipeline at the as-of date's.
          CASE WHEN o.status IN ('won', 'lost') AND o.closed_on <= ${asOf} THEN o.closed_on ELSE ${asOf} END AS fx_date
        FROM opportunities o WHERE o.created_on <= ${asOf}${rangeSql(ctx, { closed_on: 'o.closed_on', created_on: 'o.created_on', expected_close_on: 'o.expected_close_on' })}`
      const withMoney = ctx.money !== false
      // Deals in the base currency need no rate: only the others go through the fx join,
      // which is most of the cost of reading a million deals.
      const base = withMoney ? ctx.params.add(ctx.baseCurrency) : ''
      const converted = withMoney
        ? `SELECT o.*, o.amount AS amount_base FROM (${inner}) o WHERE o.currency = ${base}
           UNION ALL
           SELECT o.*, ${ctx.dialect.wideAmount('o.amount')} * fx.rate AS amount_base FROM (${inner}) o
             ${ctx.dialect.fxRateJoin('o.currency', 'o.fx_date', 'fx')}
            WHERE o.currency <> ${base}`
        : `SELECT o.*, NULL AS amount_base FROM (${inner}) o`
      return `SELECT o.id, o.name, o.owner_id, o.status_asof AS status, o.created_on, o.pipeline, o.stage, o.account_id, o.closed_asof AS closed_on, o.expected_close_on,
          ${ctx.dialect.daysBetween('o.created_on', 'o.closed_asof')} AS cycle_days,
          o.amount, o.currency, o.amount_base${dimColumns(ctx, opportunityDims)}
        FROM (${converted}) o
        ${joins(ctx, opportunityDims, 'o.owner_id', 'o.account_id')}`
    },
  },
  leads: {
    dims: {
      rep: 'o.owner_id',
      team: 'r.team',
      segment: 'a.segment',
      region: 'a.region',
      source: 'o.source',
    },
    money: false,
    sql(ctx) {
      const asOf = ctx.params.date(ctx.asOf)
      const dims = sources.leads.dims
      // Steps dated after as_of have not happened yet.
      const upTo = (c: string) => `CASE WHEN o.${c} <= ${asOf} THEN o.${c} END AS ${c}`
      return `SELECT o.id, o.owner_id, o.source, o.created_on, ${upTo('qualified_on')}, ${upTo('converted_on')}, ${upTo('disqualified_on')}${dimColumns(ctx, dims)}
        FROM leads o ${joins(ctx, dims, 'o.owner_id', 'o.account_id')}
        WHERE o.created_on <= ${asOf}${rangeSql(ctx, { created_on: 'o.created_on', qualified_on: 'o.qualified_on' })}`
    },
  },
  spend: {
    dims: { source: 'o.channel' },
    money: true,
    sql(ctx) {
      const dims = sources.spend.dims
      return `SELECT o.period_start, o.period_end, o.category, o.channel, o.amount, o.currency, o.period_start AS fx_date,
          ${money(ctx, 'o.amount', 'o.currency')} AS amount_base${dimColumns(ctx, dims)}
        FROM spend o ${ctx.dialect.fxRateJoin('o.currency', 'o.period_start', 'fx')}`
    },
  },
  activities: {
    dims: factRepDims,
    money: false,
    sql(ctx) {
      const asOf = ctx.params.date(ctx.asOf)
      // Without an explicit flag, talking to buyers is selling; admin, internal work, training and travel are not.
      return `SELECT o.id, o.rep_id, o.type, CAST(o.started_at AS DATE) AS started_on, o.duration_minutes / 60.0 AS hours,
          COALESCE(o.selling, LOWER(o.type) NOT IN ('admin', 'internal', 'training', 'travel', 'other')) AS selling${dimColumns(ctx, factRepDims)}
        FROM activities o LEFT JOIN reps r ON r.id = o.rep_id
        WHERE CAST(o.started_at AS DATE) <= ${asOf}${rangeSql(ctx, { started_on: 'CAST(o.started_at AS DATE)' })}`
    },
  },
  work_time: {
    dims: factRepDims,
    money: false,
    sql(ctx) {
      return `SELECT o.rep_id, o.period_start, o.period_end, o.hours${dimColumns(ctx, factRepDims)}
        FROM work_time o LEFT JOIN reps r ON r.id = o.rep_id`
    },
  },
  quotas: {
    dims: factRepDims,
    money: true,
    sql(ctx) {
      return `SELECT o.rep_id, o.period_start, o.period_end, o.amount, o.currency, o.period_start AS fx_date,
          ${money(ctx, 'o.amount', 'o.currency')} AS amount_base${dimColumns(ctx, factRepDims)}
        FROM quotas o ${ctx.dialect.fxRateJoin('o.currency', 'o.period_start', 'fx')}
        LEFT JOIN reps r ON r.id = o.rep_id`
    },
  },
  reps: {
    dims: repDims,
    money: false,
    sql(ctx) {
      return `SELECT r.id, r.name, r.team, r.active_from, r.active_to${dimColumns(ctx, repDims)} FROM reps r`
    },
  },
}

/** Dimensions a source supports. */
export function sourceDims(name: SourceName): Dimension[] {
  return Object.keys(sources[name].dims) as Dimension[]
}

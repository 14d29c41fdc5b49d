import { lit } from './demo-constants.js'

/** Sizes and seed of one run; all are validated integers, safe to write into SQL as literals. */
export interface DemoContext {
  seed: number
  accounts: number
  leads: number
  opportunities: number
}

/** One SQL statement of the generator, with a label for progress messages. */
export interface Step {
  label: string
  sql: string
  params?: readonly unknown[]
}

type Value = string | number

function valueLit(v: Value): string {
  return typeof v === 'number' ? String(v) : lit(v)
}

/**
 * A CASE choosing among options by weight, given a uniform [0,1) expression `u`:
 * pick('u', [['Inbound', 35], ['Outbound', 25], ...]). Weights need not sum to 1.
 */
export function pick(u: string, options: readonly (readonly [Value, number])[]): string {
  const total = options.reduce((s, [, w]) => s + w, 0)
  let cumulative = 0
  const whens = options.slice(0, -1).map(([v, w]) => {
    cumulative += w
    return `WHEN ${u} < ${(cumulative / total).toFixed(6)} THEN ${valueLit(v)}`
  })
  const last = options[options.length - 1]
  if (!last) throw new Error('pick() needs at least one option')
  return `(CASE ${whens.join(' ')} ELSE ${valueLit(last[0])} END)`
}

/** CASE expr WHEN key THEN value ... ELSE otherwise END, from a map of constants. */
export function lookup(
  expr: string,
  map: Record<string, Value>,
  otherwise: Value | null = null,
): string {
  const whens = Object.entries(map).map(([k, v]) => `WHEN ${lit(k)} THEN ${valueLit(v)}`)
  const other = otherwise === null ? 'NULL' : valueLit(otherwise)
  return `(CASE ${expr} ${whens.join(' ')} ELSE ${other} END)`
}

/**
 * Pseudo-random helpers as temporary macros. Randomness comes from hash(key, salt, seed)
 * rather than random(), so every value depends only on the seed and the row's key and is
 * the same whatever DuckDB's threading does. The seed is a validated integer literal.
 */
export function macroSteps(ctx: DemoContext): Step[] {
  const macros = [
    // Uniform [0,1) from the hash's top 53 bits (a shift, not a modulo: modulo by an
    // INTEGER literal widens UBIGINT to HUGEINT and is several times slower).
    `demo_u(k, salt) AS CAST(hash(k, salt, ${ctx.seed}) >> 11 AS DOUBLE) / 9007199254740992.0`,
    // Roughly standard normal (sum of three uniforms), enough for log-normal noise.
    `demo_z(k, salt) AS (demo_u(k, salt || '.1') + demo_u(k, salt || '.2') + demo_u(k, salt || '.3') - 1.5) * 2.0`,
    // An index in [0, n).
    `demo_n(k, salt, n) AS CAST(floor(demo_u(k, salt) * n) AS INTEGER)`,
    // Business happens on weekdays: a Saturday or Sunday moves back to Friday.
    `demo_weekday(d) AS CAST(d - CASE isodow(d) WHEN 6 THEN 1 WHEN 7 THEN 2 ELSE 0 END AS DATE)`,
    // Day offset in [0, n_days) with a density rising linearly to twice its start: a growing business.
    `demo_growth_day(u, n_days) AS CAST(floor((sqrt(1 + 3 * u) - 1) * n_days) AS INTEGER)`,
    // A timestamp a fraction f of the way from a to b, to the minute.
    `demo_between(a, b, f) AS make_timestamp(CAST(floor((epoch_us(a) + (epoch_us(b) - epoch_us(a)) * f) / 60000000) * 60000000 AS BIGINT))`,
  ]
  return macros.map((m) => ({ label: 'macros', sql: `CREATE OR REPLACE TEMP MACRO ${m}` }))
}

/** Temporary tables the generator creates, dropped at the end. */
export const tempTables = [
  'demo_params',
  'demo_days',
  'demo_months',
  'demo_quarters',
  'demo_reps',
  'demo_rep_teams',
  'demo_pool',
  'demo_acc',
  'demo_lead',
  'demo_opp',
  'demo_fx',
  'demo_rev_month',
]

export const tempMacros = [
  'demo_u',
  'demo_z',
  'demo_n',
  'demo_weekday',
  'demo_growth_day',
  'demo_between',
]

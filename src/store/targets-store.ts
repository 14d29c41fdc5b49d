import { bumpDataVersion } from './data-version.js'
import type { Store } from './store.js'

/**
 * A target: the value a metric should reach in a period, for the company, one rep
 * ('rep:<id>') or one team ('team:<name>'). `compute` puts it on the result rows of that
 * metric, exact period and scope (src/metrics/targets.ts).
 */
export interface Target {
  metric: string
  period_start: string
  period_end: string
  scope: string
  value: number
}

export type TargetKey = Omit<Target, 'value'>

/** The scope of a target, read from 'company', 'rep:<id>' or 'team:<name>'. */
export type TargetScope = { kind: 'company' } | { kind: 'rep' | 'team'; id: string }

export function scopeText(scope: TargetScope): string {
  return scope.kind === 'company' ? 'company' : `${scope.kind}:${scope.id}`
}

const columns = `metric, CAST(period_start AS VARCHAR) AS period_start,
  CAST(period_end AS VARCHAR) AS period_end, scope, value`

const toTarget = (r: Record<string, unknown>): Target => ({
  metric: String(r.metric),
  period_start: String(r.period_start),
  period_end: String(r.period_end),
  scope: String(r.scope),
  value: Number(r.value),
})

/** Targets of a metric (all: none given), a scope, and periods overlapping from–to, in order. */
export async function listTargets(
  store: Store,
  filter: { metric?: string; from?: string; to?: string; scope?: string } = {},
): Promise<Target[]> {
  const where: string[] = []
  const params: unknown[] = []
  const p = (v: unknown) => {
    params.push(v)
    return store.dialect.placeholder(params.length)
  }
  if (filter.metric !== undefined) where.push(`metric = ${p(filter.metric)}`)
  if (filter.scope !== undefined) where.push(`scope = ${p(filter.scope)}`)
  if (filter.to !== undefined) where.push(`period_start <= CAST(${p(filter.to)} AS DATE)`)
  if (filter.from !== undefined) where.push(`period_end >= CAST(${p(filter.from)} AS DATE)`)
  const rows = await store.query(
    `SELECT ${columns} FROM targets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY metric, period_start, period_end, scope`,
    params,
  )
  return rows.map(toTarget)
}

const keyWhere = (store: Store) =>
  `metric = ${store.dialect.placeholder(1)}
    AND period_start = CAST(${store.dialect.placeholder(2)} AS DATE)
    AND period_end = CAST(${store.dialect.placeholder(3)} AS DATE)
    AND scope = ${store.dialect.placeholder(4)}`
const keyParams = (k: TargetKey) => [k.metric, k.period_start, k.period_end, k.scope]

/** The stored value: DECIMAL(18,4), as the column keeps it. */
export const storedValue = (v: number): number => Math.round(v * 10_000) / 10_000

/**
 * Sets a target, or changes the one with its key; returns the value it had (null: new).
 * One transaction that bumps the data version, so the dashboard's cached answers go.
 * The table has no unique key on DuckDB (see Dialect.declaresPrimaryKeys): the write lock
 * keeps two writers from both inserting.
 */
export async function setTarget(store: Store, target: Target): Promise<number | null> {
  return store.transaction(async () => {
    await store.lockForWrite()
    const [old] = await store.query(
      `SELECT value FROM targets WHERE ${keyWhere(store)}`,
      keyParams(target),
    )
    const value = storedValue(target.value).toFixed(4)
    const previous = old === undefined ? null : Number(old.value)
    if (previous === storedValue(target.value)) return previous
    await store.run(
      old === undefined
        ? `INSERT INTO targets (metric, period_start, period_end, scope, value)
             VALUES ($1, CAST($2 AS DATE), CAST($3 AS DATE), $4, CAST($5 AS DECIMAL(18,4)))`
        : `UPDATE targets SET value = CAST($5 AS DECIMAL(18,4)) WHERE ${keyWhere(store)}`,
      [...keyParams(target), value],
    )
    await bumpDataVersion(store, { dealsKept: true })
    return previous
  })
}

/** Removes a target; returns the value it had, or null when there was none (nothing written). */
export async function removeTarget(store: Store, key: TargetKey): Promise<number | null> {
  return store.transaction(async () => {
    await store.lockForWrite()
    const [old] = await store.query(
      `SELECT value FROM targets WHERE ${keyWhere(store)}`,
      keyParams(key),
    )
    if (old === undefined) return null
    await store.run(`DELETE FROM targets WHERE ${keyWhere(store)}`, keyParams(key))
    await bumpDataVersion(store, { dealsKept: true })
    return Number(old.value)
  })
}

/** The reps' ids and names, and the teams (from reps and their team history), for scopes. */
export async function scopeCandidates(
  store: Store,
): Promise<{ reps: { id: string; name: string }[]; teams: string[] }> {
  const reps = await store.query('SELECT id, name FROM reps ORDER BY id')
  const teams = await store.query(
    `SELECT DISTINCT team FROM (SELECT team FROM reps UNION SELECT team FROM rep_teams) t
      WHERE team IS NOT NULL ORDER BY team`,
  )
  return {
    reps: reps.map((r) => ({ id: String(r.id), name: String(r.name ?? '') })),
    teams: teams.map((r) => String(r.team)),
  }
}

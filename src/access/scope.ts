/**
 * Row-level scoping: what a signed-in user may see, applied to the queries of the metric
 * layer before they run (not in the UI). The server resolves the user's scope once per
 * request (resolveScope) and passes every query through scopeQuery / scopeDrilldown /
 * scopeQualityOptions, and every dimension list through scopeDimensionValues.
 *
 * Who sees what:
 * - admin: everything (`{ kind: 'all' }`).
 * - rep: the records of the rep ids whose reps.email is the user's e-mail (trimmed, case
 *   ignored). Several rep rows with one e-mail (a rep re-imported under a new id) are all
 *   theirs. None: an empty scope, refused by every query (FORBIDDEN).
 * - manager: their own rep ids (by e-mail, as a rep) and every rep below them in the
 *   manager_id hierarchy, transitively (a rep whose manager reports to them is theirs too).
 *   Not "every rep of the teams they manage": reps.team says which team a rep sells for,
 *   not who manages it, and a team may have several managers; the hierarchy is the one
 *   statement of who reports to whom. A manager without a rep row of their own sees nothing:
 *   load them into reps (with their e-mail) and set their reps' manager_id.
 *
 * A query is scoped by its rep filter: every metric computed over the scope's reps only.
 * The company view of a rep is their own numbers; a metric whose data has no rep (spend,
 * subscriptions, forecasts outside a by-rep grouping) answers null with 'unsupported_filter'
 * under a rep filter rather than a company-wide number.
 */
import { MiernikError } from '../errors.js'
import type { Dimension } from '../contracts/vocabulary.js'
import type { QualityOptions } from '../quality/options.js'
import type { Store } from '../store/store.js'

export type AccessScope =
  | { kind: 'all' }
  | {
      kind: 'reps'
      /** The rep ids the user may see (sorted). */
      reps: readonly string[]
      /** The teams those reps are in now or were in (reps.team and rep_teams), sorted. */
      teams: readonly string[]
    }

export type Role = 'admin' | 'manager' | 'rep'

export interface ScopeUser {
  role: Role
  email: string
}

type Filters = Partial<Record<Dimension, string[]>>

/** How many manager levels the hierarchy walk follows at most (a guard; cycles stop anyway). */
const maxDepth = 64

/** The e-mail as reps are matched on it: trimmed, lower case. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase()

/**
 * The scope of a signed-in user (see the top of this file for the rules).
 *
 * @example
 * const scope = await resolveScope(store, { role: 'rep', email: 'anna@firma.pl' })
 * // { kind: 'reps', reps: ['r-17'], teams: ['Enterprise'] }
 */
export async function resolveScope(store: Store, user: ScopeUser): Promise<AccessScope> {
  if (user.role === 'admin') return { kind: 'all' }
  const email = normaliseEmail(user.email)
  if (email === '') return { kind: 'reps', reps: [], teams: [] }
  const p = (i: number) => store.dialect.placeholder(i)
  const own = `SELECT id FROM reps WHERE LOWER(TRIM(email)) = ${p(1)}`
  let rows
  if (user.role === 'rep') {
    rows = await store.query(`${own} ORDER BY id`, [email])
  } else {
    // UNION (not UNION ALL) drops rows already found, so a manager_id cycle ends the walk;
    // the depth bound is a second guard. Both engines run this recursive CTE.
    rows = await store.query(
      `WITH RECURSIVE below(id, depth) AS (
         SELECT id, 0 FROM (${own}) o
         UNION
         SELECT r.id, b.depth + 1 FROM reps r JOIN below b ON r.manager_id = b.id
          WHERE b.depth < ${maxDepth} AND r.id <> b.id
       )
       SELECT DISTINCT id FROM below ORDER BY id`,
      [email],
    )
  }
  const reps = rows.map((r) => String(r.id))
  return { kind: 'reps', reps, teams: await teamsOf(store, reps) }
}

/** The teams the reps are in now (reps.team) or were in (rep_teams), sorted. */
async function teamsOf(store: Store, reps: readonly string[]): Promise<string[]> {
  if (reps.length === 0) return []
  const list = reps.map((_, i) => store.dialect.placeholder(i + 1)).join(', ')
  const rows = await store.query(
    `SELECT DISTINCT team FROM (
       SELECT team FROM reps WHERE id IN (${list}) AND team IS NOT NULL
       UNION SELECT team FROM rep_teams WHERE rep_id IN (${list})
     ) t ORDER BY team`,
    [...reps],
  )
  return rows.map((r) => String(r.team))
}

function notLinked(): MiernikError {
  return new MiernikError('FORBIDDEN', 'your user is not linked to any rep (reps.email)')
}

/**
 * The query restricted to the scope: its rep filter becomes the scope's reps, or the reps
 * it asked for when all of them are in the scope. Asking for a rep (or a team) outside the
 * scope is refused — whether that rep exists is not said. Admins' queries pass unchanged.
 * Works for compute queries, drill-downs and the funnel (anything with `filters`).
 *
 * @example
 * compute(store, scopeQuery({ metrics: ['win_rate'], from, to, asOf, by: ['rep'] }, scope))
 */
export function scopeQuery<Q extends object>(
  query: Q & { filters?: Filters },
  scope: AccessScope,
): Q {
  if (scope.kind === 'all') return query
  if (scope.reps.length === 0) throw notLinked()
  const filters: Filters = { ...(query.filters ?? {}) }
  const asked = filters.rep ?? []
  const reps = new Set(scope.reps)
  if (asked.some((r) => !reps.has(r))) {
    throw new MiernikError('FORBIDDEN', 'the rep filter asks for reps outside what you may see')
  }
  // Teams outside the scope have none of its records; refused rather than answered with an
  // empty result (or with the list of every team an unknown name would get).
  const teams = new Set(scope.teams)
  if ((filters.team ?? []).some((t) => !teams.has(t))) {
    throw new MiernikError('FORBIDDEN', 'the team filter asks for teams outside what you may see')
  }
  filters.rep = asked.length > 0 ? [...new Set(asked)] : [...scope.reps]
  return { ...query, filters } as Q
}

/**
 * Refuses a drill-down whose row group names a rep outside the scope (or the row of deals
 * with no rep, which is nobody's), or a team outside the scope's teams.
 */
export function checkGroup(
  group: Readonly<Record<string, string | null>> | undefined,
  scope: AccessScope,
): void {
  if (scope.kind === 'all' || group === undefined) return
  if (scope.reps.length === 0) throw notLinked()
  if ('rep' in group && (group.rep === null || !scope.reps.includes(group.rep as string))) {
    throw new MiernikError('FORBIDDEN', 'the drill-down asks for a rep outside what you may see')
  }
  if ('team' in group && (group.team === null || !scope.teams.includes(group.team as string))) {
    throw new MiernikError('FORBIDDEN', 'the drill-down asks for a team outside what you may see')
  }
}

/** A drill-down query restricted to the scope: its filters scoped and its group checked. */
export function scopeDrilldown<Q extends object>(
  query: Q & { filters?: Filters; group?: Record<string, string | null> },
  scope: AccessScope,
): Q {
  checkGroup(query.group, scope)
  return scopeQuery(query, scope)
}

/**
 * The values of a dimension the scope may see: rep values only its reps (a rep does not
 * learn other reps' names), team values only its teams; other dimensions unchanged.
 */
export function scopeDimensionValues<V extends { value: string }>(
  dim: Dimension,
  values: readonly V[],
  scope: AccessScope,
): V[] {
  if (scope.kind === 'all') return [...values]
  if (dim === 'rep') return values.filter((v) => scope.reps.includes(v.value))
  if (dim === 'team') return values.filter((v) => scope.teams.includes(v.value))
  return [...values]
}

/**
 * Quality report options restricted to the scope: the checks keep the records owned by its
 * reps (opportunities, leads, activities, quotas); records without an owner are left out.
 */
export function scopeQualityOptions<O extends QualityOptions>(options: O, scope: AccessScope): O {
  if (scope.kind === 'all') return options
  if (scope.reps.length === 0) throw notLinked()
  const asked = options.owners
  if (asked && asked.some((r) => !scope.reps.includes(r))) {
    throw new MiernikError('FORBIDDEN', 'the owner filter asks for reps outside what you may see')
  }
  return { ...options, owners: asked && asked.length > 0 ? [...asked] : [...scope.reps] }
}

import { MiernikError } from '../errors.js'
import type { Store } from '../store/store.js'
import type { Dimension } from './metric-schema.js'

/** Where the values of each dimension live (labels for reps are their names). */
const valuesSql: Record<Dimension, string> = {
  rep: `SELECT id AS value, COALESCE(name, id) AS label FROM reps
        UNION SELECT DISTINCT owner_id, owner_id FROM opportunities WHERE owner_id IS NOT NULL AND owner_id NOT IN (SELECT id FROM reps)`,
  // Teams now and in the history: a team that no longer exists still has a past.
  team: 'SELECT DISTINCT team AS value, team AS label FROM (SELECT team FROM reps UNION SELECT team FROM rep_teams) t WHERE team IS NOT NULL',
  segment:
    'SELECT DISTINCT segment AS value, segment AS label FROM accounts WHERE segment IS NOT NULL',
  region: 'SELECT DISTINCT region AS value, region AS label FROM accounts WHERE region IS NOT NULL',
  source: `SELECT DISTINCT source AS value, source AS label FROM opportunities WHERE source IS NOT NULL
           UNION SELECT DISTINCT source, source FROM leads WHERE source IS NOT NULL
           UNION SELECT DISTINCT channel, channel FROM spend WHERE channel IS NOT NULL`,
  product:
    'SELECT DISTINCT product AS value, product AS label FROM opportunities WHERE product IS NOT NULL',
  pipeline:
    'SELECT DISTINCT pipeline AS value, pipeline AS label FROM opportunities WHERE pipeline IS NOT NULL',
}

export interface DimensionValue {
  value: string
  label: string
}

/** The values a dimension takes in the data, ordered by label. */
export async function dimensionValues(store: Store, dim: Dimension): Promise<DimensionValue[]> {
  const rows = await store.query(
    `SELECT value, label FROM (${valuesSql[dim]}) v ORDER BY label, value`,
  )
  return rows.map((r) => ({ value: String(r.value), label: String(r.label) }))
}

/**
 * A filter on a value the data does not have is a typo more often than a wish for nothing
 * (team=Enterprize): refused with the values there are, rather than an empty result.
 */
export async function checkFilterValues(
  store: Store,
  filters: Partial<Record<Dimension, string[]>>,
): Promise<void> {
  for (const [dim, wanted] of Object.entries(filters) as [Dimension, string[]][]) {
    const known = await dimensionValues(store, dim)
    const values = new Set(known.map((k) => k.value))
    const unknown = wanted.filter((v) => !values.has(v))
    if (unknown.length === 0) continue
    const list = known.slice(0, 20).map((k) => k.value)
    const more = known.length > list.length ? `, … (${known.length} in all)` : ''
    throw new MiernikError(
      'INVALID_QUERY',
      `unknown ${dim} ${unknown.map((v) => `'${v}'`).join(', ')}: the data has ${
        known.length ? `${list.join(', ')}${more}` : `no ${dim} values`
      }`,
    )
  }
}

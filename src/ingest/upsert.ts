import { entities, type EntityName } from '../model/entities.js'
import type { Store } from '../store/store.js'

export interface UpsertCounts {
  inserted: number
  updated: number
  unchanged: number
}

/**
 * Writes (or, with write: false, only counts) the valid rows of the typed view into the entity's table, matching on its key.
 * Columns the file does not have are left as they are on update (so a partial file
 * never blanks data); unchanged rows are counted, not rewritten. Keys within the file
 * are unique (checked before), so each table row matches at most one file row.
 */
export async function upsert(
  store: Store,
  entity: EntityName,
  view: string,
  present: Set<string>,
  validWhere: string,
  options: { write: boolean } = { write: true },
): Promise<UpsertCounts> {
  const q = store.dialect.quoteIdent
  const spec = entities[entity]
  const table = q(entity)
  const key = spec.key
  const columns = spec.columns.map((c) => c.name)
  const updatable = columns.filter((c) => present.has(c) && !key.includes(c))
  const keyMatch = key.map((k) => `t.${q(k)} = s.${q(k)}`).join(' AND ')
  const differs = updatable.length
    ? updatable.map((c) => `t.${q(c)} IS DISTINCT FROM s.${q(c)}`).join(' OR ')
    : 'FALSE'

  const [counts] = await store.query(
    `SELECT COUNT(*) AS total,
            COUNT(t.${q(key[0] as string)}) AS existing,
            COUNT(*) FILTER (WHERE t.${q(key[0] as string)} IS NOT NULL AND (${differs})) AS changed
       FROM ${view} s LEFT JOIN ${table} t ON ${keyMatch}
      WHERE ${validWhere}`,
  )
  const total = Number(counts?.total ?? 0)
  const existing = Number(counts?.existing ?? 0)
  const changed = Number(counts?.changed ?? 0)
  const result = { inserted: total - existing, updated: changed, unchanged: existing - changed }
  if (!options.write) return result

  const list = columns.map(q).join(', ')
  if (total > existing) {
    await store.run(
      `INSERT INTO ${table} (${list})
       SELECT ${columns.map((c) => `s.${q(c)}`).join(', ')} FROM ${view} s
        WHERE (${validWhere})${
          // When no key is known yet (a first load), there is nothing to match against.
          existing === 0 ? '' : ` AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${keyMatch})`
        }`,
    )
  }
  if (changed > 0) {
    // UPDATE ... FROM rather than ON CONFLICT: it needs no unique index (see Dialect.declaresPrimaryKeys).
    await store.run(
      `UPDATE ${table} AS t SET ${updatable.map((c) => `${q(c)} = s.${q(c)}`).join(', ')}
         FROM ${view} s
        WHERE ${keyMatch} AND (${validWhere}) AND (${differs})`,
    )
  }
  return result
}

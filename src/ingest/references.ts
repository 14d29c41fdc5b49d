import { entities, type EntityName } from '../model/entities.js'
import type { Store } from '../store/store.js'

export interface ReferenceWarning {
  column: string
  entity: EntityName
  /** Rows whose value names no record of `entity`. */
  rows: number
  examples: string[]
}

/**
 * Counts imported rows pointing at ids that are not loaded (an owner not in reps).
 * These are warnings: the other file may simply come next.
 */
export async function unknownReferences(
  store: Store,
  entity: EntityName,
  view: string,
  present: ReadonlyMap<string, unknown>,
  validWhere: string,
): Promise<ReferenceWarning[]> {
  const q = store.dialect.quoteIdent
  const warnings: ReferenceWarning[] = []
  for (const c of entities[entity].columns) {
    if (!c.references || !present.has(c.name)) continue
    const rows = await store.query(
      `SELECT s.${q(c.name)} AS v, COUNT(*) AS n FROM ${view} s
        WHERE (${validWhere}) AND s.${q(c.name)} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${q(c.references)} r WHERE r.id = s.${q(c.name)})
        GROUP BY s.${q(c.name)} ORDER BY n DESC, v`,
    )
    if (rows.length) {
      warnings.push({
        column: c.name,
        entity: c.references,
        rows: rows.reduce((sum, r) => sum + Number(r.n), 0),
        examples: rows.slice(0, 5).map((r) => String(r.v)),
      })
    }
  }
  return warnings
}

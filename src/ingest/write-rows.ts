import type { Store } from '../store/store.js'
import { TYPED, type ImportReport } from './import-report.js'
import type { FileMapping } from './mapping/file-mapping.js'
import { unknownReferences } from './references.js'
import { afterUpsert, beforeUpsert } from './side-writes.js'
import { recordTeamMoves } from './team-history.js'
import { writtenVersion } from './written-version.js'
import { upsert } from './upsert.js'

/** Quota rows of the imported reps that overlap others of theirs: never added up, but said. */
export async function overlapWarnings(
  store: Store,
  entity: string,
  view: string,
  validWhere: string,
): Promise<string[]> {
  if (entity !== 'quotas') return []
  const [row] = await store.query(
    `SELECT COUNT(DISTINCT q.rep_id) AS reps, COUNT(*) AS pairs FROM quotas q JOIN quotas x
        ON x.rep_id = q.rep_id AND q.period_start < x.period_start AND x.period_start <= q.period_end
      WHERE q.rep_id IN (SELECT s.rep_id FROM ${view} s WHERE ${validWhere})
         OR x.rep_id IN (SELECT s.rep_id FROM ${view} s WHERE ${validWhere})`,
  )
  const reps = Number(row?.reps ?? 0)
  if (reps === 0) return []
  return [
    `${reps} reps have quota rows that overlap (e.g. a quarter and its months): they are never added up; 'miernik quality' lists them`,
  ]
}

/**
 * Write: the valid staged rows upserted in one transaction with their side writes (stage
 * history, the change log), so an import lands whole or not at all. With `write: false`
 * (a dry run) the counts of what it would do, and nothing written.
 */
export async function writeRows(
  store: Store,
  mapping: FileMapping,
  validWhere: string,
  options: { dryRun: boolean; observedAt: string; onProgress: (percent: number) => void },
): Promise<Partial<ImportReport>> {
  const entity = mapping.entity
  const present = new Set(mapping.columns.keys())
  if (options.dryRun) {
    return {
      ...(await upsert(store, entity, TYPED, present, validWhere, { write: false })),
      references: await unknownReferences(store, entity, TYPED, mapping.columns, validWhere),
    }
  }
  return store.transaction(
    async () => {
      // Concurrent imports (PostgreSQL) write one after the other, each seeing the last.
      await store.lockForWrite()
      const before = await beforeUpsert(store, mapping, TYPED, validWhere, options.observedAt)
      const teamMoves = await recordTeamMoves(store, mapping, TYPED, validWhere, options.observedAt)
      const counts = await upsert(store, entity, TYPED, present, validWhere)
      const after = await afterUpsert(store, mapping, TYPED, validWhere)
      await writtenVersion(store, entity)
      return {
        ...before,
        ...counts,
        ...after,
        teamMoves,
        stageChanges: before.stageChanges + after.stageChanges,
        references: await unknownReferences(store, entity, TYPED, mapping.columns, validWhere),
        warnings: await overlapWarnings(store, entity, TYPED, validWhere),
      }
    },
    { onProgress: options.onProgress },
  )
}

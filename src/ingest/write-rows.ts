import type { Store } from '../store/store.js'
import { TYPED, type ImportReport } from './import-report.js'
import type { FileMapping } from './mapping/file-mapping.js'
import { unknownReferences } from './references.js'
import { afterUpsert, beforeUpsert } from './side-writes.js'
import { upsert } from './upsert.js'

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
      const counts = await upsert(store, entity, TYPED, present, validWhere)
      const after = await afterUpsert(store, mapping, TYPED, validWhere)
      return {
        ...before,
        ...counts,
        ...after,
        stageChanges: before.stageChanges + after.stageChanges,
        references: await unknownReferences(store, entity, TYPED, mapping.columns, validWhere),
      }
    },
    { onProgress: options.onProgress },
  )
}

import type { EntityName } from '../model/entities.js'
import { bumpDataVersion } from '../store/data-version.js'
import type { Store } from '../store/store.js'

/**
 * The end of an import's transaction: the data version bumped. An import of deals leaves
 * the deals per day stale (the import then catches them up: catchUpDealDays); every other
 * entity leaves them as they were.
 */
export async function writtenVersion(store: Store, entity: EntityName): Promise<void> {
  await bumpDataVersion(store, { dealsKept: entity !== 'opportunities' })
}

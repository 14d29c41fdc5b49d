import { refreshDealDays } from '../model/deal-days.js'
import type { EntityName } from '../model/entities.js'
import { bumpDataVersion } from '../store/data-version.js'
import type { Store } from '../store/store.js'

/**
 * The end of an import's transaction: the data version bumped, and deals per close day
 * rebuilt where the import wrote deals (every other entity leaves them as they were).
 */
export async function writtenVersion(store: Store, entity: EntityName): Promise<void> {
  const deals = entity === 'opportunities'
  await bumpDataVersion(store, { dealsKept: !deals })
  if (deals) await refreshDealDays(store)
}

import type { EntityName } from './entities.js'

/**
 * The entities whose records belong to one rep, and the column naming them: what a manager
 * may import for their team. Stage history goes with its deal (opportunities.owner_id).
 */
export const repOwnerColumn: Partial<Record<EntityName, string>> = {
  opportunities: 'owner_id',
  leads: 'owner_id',
  activities: 'rep_id',
  work_time: 'rep_id',
  quotas: 'rep_id',
}

export const repOwnedEntities: readonly EntityName[] = [
  ...(Object.keys(repOwnerColumn) as EntityName[]),
  'stage_changes',
]

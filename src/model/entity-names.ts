/** The entities Miernik loads, in dependency order; apart from their specs so the CLI's help needs no more. */
export const entityNames = [
  'reps',
  'rep_teams',
  'accounts',
  'leads',
  'opportunities',
  'stage_changes',
  'stages',
  'activities',
  'work_time',
  'quotas',
  'spend',
  'forecasts',
  'subscriptions',
  'fx_rates',
  'targets',
] as const
export type EntityName = (typeof entityNames)[number]

import type { Dimension, SourceName } from '../metric-schema.js'
import type { FactView } from './fact-view.js'
import { leads } from './leads.js'
import { quotas, spend } from './money-facts.js'
import { opportunities } from './opportunities.js'
import { activities, reps, workTime } from './team-facts.js'

export type { FactView, RecordColumn, ViewContext } from './fact-view.js'

/** Every fact view, by the source name measures read. */
export const factViews: Record<SourceName, FactView> = {
  opportunities,
  leads,
  spend,
  activities,
  work_time: workTime,
  quotas,
  reps,
}

/** Dimensions a fact view supports. */
export function viewDims(name: SourceName): Dimension[] {
  return Object.keys(factViews[name].dims) as Dimension[]
}

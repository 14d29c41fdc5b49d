import type { MoneyTable } from '../fx-check.js'
import type { NestedName } from './values.js'

/** The money tables each nested input converts (their fx rates are checked before it runs). */
export const nestedMoney: Record<NestedName, readonly MoneyTable[]> = {
  customers: ['subscriptions', 'opportunities'],
  forecast: ['forecasts'],
  funnel: ['opportunities'],
  quota_attainment: ['quotas', 'opportunities'],
  selling_time: [],
}

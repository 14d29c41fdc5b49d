/**
 * The nested inputs (computed per rep, per customer or per stage first, then aggregated)
 * and the named values each yields per period and group. `records` are the values whose
 * records a drill-down can list: exactly as many as the value counts.
 */
export const nestedValues = {
  customers: {
    values: [
      'subscriptions',
      'at_start',
      'at_end',
      'new_customers',
      'retained',
      'lost',
      'annual_at_start',
      'trailing_revenue',
      'trailing_accounts',
    ],
    records: ['at_start', 'lost', 'retained', 'new_customers'],
  },
  quota_attainment: {
    values: ['reps_with_quota', 'reps_attained', 'revenue', 'quota'],
    records: ['reps_with_quota', 'reps_attained', 'revenue', 'quota'],
  },
  forecast: { values: ['forecast'], records: [] },
  funnel: {
    values: [
      'reached',
      'amount',
      'next_reached',
      'days_in_stage',
      'visits',
      'stopped_lost',
      'stopped_open',
    ],
    records: ['reached', 'next_reached'],
  },
  selling_time: { values: ['selling', 'worked'], records: [] },
} as const

export type NestedName = keyof typeof nestedValues
export const nestedNames = Object.keys(nestedValues) as NestedName[]
export type NestedValue<N extends NestedName> = (typeof nestedValues)[N]['values'][number]

/** A nested value named in a metric declaration: 'customers.lost', 'funnel.reached'. */
export type NestedRef = { [N in NestedName]: `${N}.${NestedValue<N>}` }[NestedName]

export function splitRef(ref: string): { input: NestedName; value: string } | null {
  const dot = ref.indexOf('.')
  if (dot < 0) return null
  const input = ref.slice(0, dot)
  const value = ref.slice(dot + 1)
  if (!(input in nestedValues)) return null
  const known = nestedValues[input as NestedName].values as readonly string[]
  return known.includes(value) ? { input: input as NestedName, value } : null
}

export function hasRecords(input: NestedName, value: string): boolean {
  return (nestedValues[input].records as readonly string[]).includes(value)
}

import { defineMetric, ratio } from '../define-metric.js'

export const quotaAttainmentRate = defineMetric({
  id: 'quota_attainment_rate',
  names: { en: 'Quota attainment', pl: 'Wskaźnik realizacji kwoty sprzedaży' },
  category: 'team',
  unit: 'ratio',
  direction: 'higher',
  help: "Share of reps with a quota for the period whose won revenue reached it (quotas spanning more than the period are prorated by days). Grouped by rep, each rep's attainment: revenue / quota.",
  formula: '{numerator} reps at or above quota / {denominator} reps with a quota',
  pl: {
    help: 'Odsetek handlowców z kwotą na okres, których przychody z wygranych transakcji ją osiągnęły (kwoty obejmujące dłuższy czas dzielone proporcjonalnie do dni). Przy grupowaniu według handlowca – realizacja kwoty każdego z nich: przychody / kwota.',
    formula:
      '{numerator} handlowców na poziomie kwoty lub powyżej / {denominator} handlowców z kwotą',
  },
  groupings: ['rep', 'team'],
  measures: {},
  specials: ['quota_attainment'],
  drill: {
    numerator: { special: 'quota_attainment', records: 'attained' },
    denominator: { special: 'quota_attainment', records: 'with_quota' },
  },
  evaluate: (ctx) => {
    const q = ctx.special('quota_attainment')
    if (ctx.groupedBy.includes('rep')) return ratio(q.revenue ?? 0, q.quota ?? 0, 'no_quota')
    return ratio(q.reps_attained ?? 0, q.reps_with_quota ?? 0, 'no_quota')
  },
})

import { defineMetric } from '../define-metric.js'

export const quotaAttainmentRate = defineMetric({
  id: 'quota_attainment_rate',
  names: { en: 'Quota attainment', pl: 'Wskaźnik realizacji kwoty sprzedaży' },
  category: 'team',
  unit: 'ratio',
  direction: 'higher',
  help: "Share of reps with a quota for the period whose won revenue reached it (quotas spanning more than the period are prorated by days). Grouped by rep, each rep's attainment: revenue / quota.",
  pl: {
    help: 'Odsetek handlowców z kwotą na okres, których przychody z wygranych transakcji ją osiągnęły (kwoty obejmujące dłuższy czas dzielone proporcjonalnie do dni). Przy grupowaniu według handlowca – realizacja kwoty każdego z nich: przychody / kwota.',
  },
  accumulates: true,
  groupings: ['rep', 'team'],
  value: {
    shape: 'nested',
    numerator: 'quota_attainment.reps_attained',
    denominator: 'quota_attainment.reps_with_quota',
    reason: 'no_quota',
    words: {
      numerator: { en: 'reps at or above quota', pl: 'handlowców na poziomie kwoty lub powyżej' },
      denominator: { en: 'reps with a quota', pl: 'handlowców z kwotą' },
    },
    // Grouped by rep, each rep's own attainment.
    perRep: {
      numerator: 'quota_attainment.revenue',
      denominator: 'quota_attainment.quota',
      reason: 'no_quota',
      words: {
        numerator: { en: 'won revenue', pl: 'przychodów' },
        denominator: { en: 'quota', pl: 'kwoty' },
      },
    },
  },
})

import { defineMetric } from '../define-metric.js'

export const quotaAttainmentRate = defineMetric({
  id: 'quota_attainment_rate',
  names: { en: 'Quota attainment', pl: 'Realizacja planu sprzedaży' },
  category: 'team',
  unit: 'ratio',
  direction: 'higher',
  help: "Share of reps with a quota for the period whose won revenue reached it. A rep's overlapping quota rows never add up: the rows inside the period count, longest first (the quarterly row for a quarter, the monthly ones for a month); a row spanning more counts by the days it shares with the period. Grouped by rep, each rep's attainment: revenue / quota. While the period runs: revenue so far against the whole quota, with the pace (the share of the period gone).",
  pl: {
    help: 'Odsetek handlowców z kwotą (planem sprzedaży) na okres, których przychody z wygranych transakcji ją osiągnęły. Nakładające się wiersze kwot jednego handlowca nigdy się nie sumują: liczą się wiersze leżące w okresie, najdłuższe najpierw (kwartalny dla kwartału, miesięczne dla miesiąca); wiersz obejmujący dłuższy czas liczy się proporcjonalnie do dni wspólnych z okresem. Przy grupowaniu według handlowca – realizacja kwoty każdego z nich: przychody / kwota. W trwającym okresie: dotychczasowe przychody wobec całej kwoty, z tempem (częścią okresu, która minęła).',
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
      // The rep's won deals and the rep's quota, not the reps counted company-wide.
      drill: { numerator: 'quota_attainment.revenue', denominator: 'quota_attainment.quota' },
      words: {
        numerator: { en: 'won revenue', pl: 'przychodów' },
        denominator: { en: 'quota', pl: 'kwoty' },
      },
    },
  },
})

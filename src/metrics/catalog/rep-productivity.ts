import { defineMetric } from '../define-metric.js'
import { countDistinct, wonRevenue } from '../measures.js'

export const repProductivity = defineMetric({
  id: 'rep_productivity',
  names: { en: 'Rep productivity', pl: 'Wydajność przedstawicieli handlowych' },
  category: 'team',
  unit: 'currency',
  direction: 'higher',
  help: 'Won revenue of the period divided by the reps active in it (active_from / active_to overlap the period; open ends count as active).',
  pl: {
    help: 'Przychody z wygranych transakcji w okresie podzielone przez aktywnych w nim handlowców (active_from / active_to nachodzą na okres; brak dat oznacza aktywność).',
  },
  accumulates: true,
  excludes: {
    reason: 'no_amount',
    en: 'won deals without an amount (empty in the export)',
    pl: 'wygrane transakcje bez kwoty (pustej w eksporcie)',
  },
  groupings: ['rep', 'team'],
  measures: {
    revenue: wonRevenue,
    reps: countDistinct('reps', 'id', { window: 'active' }),
  },
  value: {
    shape: 'ratio',
    numerator: 'revenue',
    denominator: 'reps',
    reason: 'no_active_reps',
    words: {
      numerator: { en: 'won revenue', pl: 'przychodów' },
      denominator: { en: 'active reps', pl: 'aktywnych handlowców' },
    },
  },
})

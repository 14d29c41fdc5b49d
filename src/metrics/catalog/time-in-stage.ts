import { defineMetric } from '../define-metric.js'

export const timeInStage = defineMetric({
  id: 'time_in_stage',
  names: { en: 'Time in stage', pl: 'Czas w etapie' },
  category: 'pipeline',
  unit: 'days',
  direction: 'lower',
  help: 'Per pipeline stage, mean days between entering the stage and entering the next one, over the finished visits of opportunities created in the period (from stage_changes). One row per stage, in pipeline order.',
  pl: {
    help: 'Dla każdego etapu lejka: średnia liczba dni od wejścia do etapu do wejścia do następnego, po zakończonych pobytach szans utworzonych w okresie (z historii etapów). Jeden wiersz na etap, w kolejności lejka.',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  perStage: true,
  value: {
    shape: 'nested',
    numerator: 'funnel.days_in_stage',
    denominator: 'funnel.visits',
    reason: 'no_finished_visits',
    words: {
      numerator: { en: 'days', pl: 'dni' },
      denominator: { en: 'finished visits', pl: 'zakończonych pobytów' },
    },
  },
})

import { defineMetric, ratio } from '../define-metric.js'

export const timeInStage = defineMetric({
  id: 'time_in_stage',
  names: { en: 'Time in stage', pl: 'Czas w etapie' },
  category: 'pipeline',
  unit: 'days',
  direction: 'lower',
  help: 'Per pipeline stage, mean days between entering the stage and entering the next one, over the finished visits of opportunities created in the period (from stage_changes). One row per stage, in pipeline order.',
  formula: '{numerator} days / {denominator} finished visits',
  pl: {
    help: 'Dla każdego etapu lejka: średnia liczba dni od wejścia do etapu do wejścia do następnego, po zakończonych pobytach szans utworzonych w okresie (z historii etapów). Jeden wiersz na etap, w kolejności lejka.',
    formula: '{numerator} dni / {denominator} zakończonych pobytów',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: {},
  specials: ['funnel'],
  perStage: true,
  evaluate: (ctx) => {
    const f = ctx.special('funnel')
    return ratio(f.days_in_stage ?? 0, f.visits ?? 0, 'no_finished_visits')
  },
})

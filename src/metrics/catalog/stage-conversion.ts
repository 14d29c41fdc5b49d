import { defineMetric } from '../define-metric.js'

export const stageConversion = defineMetric({
  id: 'stage_conversion',
  names: { en: 'Stage conversion', pl: 'Konwersja między etapami' },
  category: 'conversion',
  unit: 'ratio',
  direction: 'higher',
  help: 'Per pipeline stage, of the opportunities created in the period that reached the stage, the share that reached the next one. A deal reached a stage if it entered it or any later stage (skipped stages are back-filled). One row per stage, in pipeline order.',
  formula: '{numerator} reached the next stage / {denominator} reached this stage',
  pl: {
    help: 'Dla każdego etapu lejka: spośród szans utworzonych w okresie, które osiągnęły etap, odsetek tych, które osiągnęły następny. Transakcja osiągnęła etap, jeśli do niego weszła albo do któregoś z późniejszych (pominięte etapy są uzupełniane). Jeden wiersz na etap, w kolejności lejka.',
    formula: '{numerator} osiągnęło następny etap / {denominator} osiągnęło ten etap',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: {},
  specials: ['funnel'],
  perStage: true,
  drill: {
    numerator: { special: 'funnel', records: 'reached_next' },
    denominator: { special: 'funnel', records: 'reached' },
  },
  evaluate: (ctx) => {
    const f = ctx.special('funnel')
    const reached = f.reached ?? 0
    if (f.next_reached === null || f.next_reached === undefined) {
      return { value: null, numerator: null, denominator: reached, reason: 'last_stage' }
    }
    if (reached === 0) return { value: null, numerator: 0, denominator: 0, reason: 'zero_base' }
    return { value: f.next_reached / reached, numerator: f.next_reached, denominator: reached }
  },
})

import { defineMetric } from '../define-metric.js'

export const stageConversion = defineMetric({
  id: 'stage_conversion',
  names: { en: 'Stage conversion', pl: 'Konwersja między etapami' },
  category: 'conversion',
  unit: 'ratio',
  direction: 'higher',
  help: 'Per pipeline stage, of the opportunities created in the period that reached the stage, the share that reached the next one. A deal reached a stage if it entered it or any later stage (skipped stages are back-filled). One row per stage, in pipeline order.',
  pl: {
    help: 'Dla każdego etapu lejka: spośród szans utworzonych w okresie, które osiągnęły etap, odsetek tych, które osiągnęły następny. Transakcja osiągnęła etap, jeśli do niego weszła albo do któregoś z późniejszych (pominięte etapy są uzupełniane). Jeden wiersz na etap, w kolejności lejka.',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  perStage: true,
  value: {
    shape: 'nested',
    numerator: { known: 'funnel.next_reached', reason: 'last_stage' },
    denominator: 'funnel.reached',
    reason: 'zero_base',
    words: {
      numerator: { en: 'reached the next stage', pl: 'osiągnęło następny etap' },
      denominator: { en: 'reached this stage', pl: 'osiągnęło ten etap' },
    },
  },
})

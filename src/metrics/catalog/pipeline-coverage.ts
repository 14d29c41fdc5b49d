import { defineMetric } from '../define-metric.js'
import { sum } from '../measures.js'

export const pipelineCoverage = defineMetric({
  id: 'pipeline_coverage',
  names: { en: 'Pipeline coverage', pl: 'Pokrycie lejka' },
  category: 'pipeline',
  unit: 'ratio',
  direction: 'higher',
  help: "Open pipeline expected to close in the period, as it stood at the reference date (the period's start, or the as-of date while the period runs), divided by the quota not yet met then (quota − revenue won in the period before the reference date).",
  formula: '{numerator} open pipeline / {denominator} quota still to win',
  pl: {
    help: 'Otwarty lejek z oczekiwanym zamknięciem w okresie, według stanu w punkcie odniesienia (początek okresu lub koniec dnia stanu, gdy okres trwa), podzielony przez niezrealizowaną jeszcze kwotę sprzedaży (kwota − przychody wygrane w okresie przed punktem odniesienia).',
    formula: '{numerator} otwartego lejka / {denominator} kwoty do zrealizowania',
  },
  groupings: ['rep', 'team'],
  measures: {
    pipeline: sum('opportunities', 'amount_base', {
      window: 'open_at_ref',
      date: 'expected_close_on',
    }),
    wonSoFar: sum('opportunities', 'amount_base', {
      window: 'to_ref',
      date: 'closed_on',
      where: { status: 'won' },
    }),
    quota: sum('quotas', 'amount_base', { window: 'overlap' }),
  },
  drill: { numerator: 'pipeline' },
  evaluate: (ctx) => {
    const pipeline = ctx.m('pipeline').value
    const quota = ctx.m('quota').value
    if (quota === 0)
      return { value: null, numerator: pipeline, denominator: null, reason: 'no_quota' }
    const remaining = quota - ctx.m('wonSoFar').value
    if (remaining <= 0)
      return { value: null, numerator: pipeline, denominator: remaining, reason: 'quota_met' }
    return { value: pipeline / remaining, numerator: pipeline, denominator: remaining }
  },
})

import { defineMetric } from '../define-metric.js'
import { sum } from '../measures.js'

export const pipelineCoverage = defineMetric({
  id: 'pipeline_coverage',
  names: { en: 'Pipeline coverage', pl: 'Pokrycie lejka' },
  category: 'pipeline',
  unit: 'multiple',
  direction: 'higher',
  help: "Open pipeline expected to close in the period, as it stood at the reference date (the period's start, or the as-of date while the period runs), divided by the quota not yet met then (quota − revenue won in the period before the reference date).",
  pl: {
    help: 'Otwarty lejek z oczekiwanym zamknięciem w okresie, według stanu w punkcie odniesienia (początek okresu lub koniec dnia stanu, gdy okres trwa), podzielony przez niezrealizowaną jeszcze kwotę sprzedaży (kwota − przychody wygrane w okresie przed punktem odniesienia).',
  },
  excludes: {
    reason: 'no_amount',
    en: 'open deals without an amount (empty in the export)',
    pl: 'otwarte transakcje bez kwoty (pustej w eksporcie)',
  },
  groupings: ['rep', 'team'],
  // The common rule: three times the quota still to win in open pipeline.
  reference: { value: 3, en: '3× rule of thumb', pl: 'reguła 3×' },
  measures: {
    pipeline: sum('opportunities', 'amount_base', {
      window: 'open_at_ref',
      date: 'expected_close_on',
      exclude: { amount: { isNull: true } },
    }),
    wonSoFar: sum('opportunities', 'amount_base', {
      window: 'to_ref',
      date: 'closed_on',
      where: { status: 'won' },
    }),
  },
  value: {
    shape: 'derived',
    numerator: 'pipeline',
    denominator: { minus: [{ nonzero: 'quota_attainment.quota', reason: 'no_quota' }, 'wonSoFar'] },
    reason: 'quota_met',
    notPositive: 'quota_met',
    words: {
      numerator: { en: 'open pipeline', pl: 'otwartego lejka' },
      denominator: { en: 'quota still to win', pl: 'kwoty do zrealizowania' },
    },
  },
})

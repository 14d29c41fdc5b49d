import { defineMetric } from '../define-metric.js'

export const timeSpentSelling = defineMetric({
  id: 'time_spent_selling',
  names: { en: 'Time spent selling', pl: 'Czas spędzony na sprzedaży' },
  category: 'team',
  unit: 'ratio',
  direction: 'higher',
  help: 'Selling hours logged in activities (calls, meetings, demos, emails...; admin, internal, training, travel and other are not selling unless flagged) divided by hours worked (work_time, prorated by days); for a rep with no work time in the period, by all their logged activity hours.',
  pl: {
    help: 'Godziny sprzedażowe z zarejestrowanych aktywności (rozmowy, spotkania, prezentacje, e-maile…; administracja, sprawy wewnętrzne, szkolenia, podróże i inne nie są sprzedażą, chyba że oznaczono inaczej) podzielone przez przepracowane godziny (work_time, proporcjonalnie do dni); dla handlowca bez czasu pracy w okresie – przez wszystkie jego zarejestrowane godziny aktywności.',
  },
  groupings: ['rep', 'team'],
  value: {
    shape: 'nested',
    numerator: 'selling_time.selling',
    denominator: 'selling_time.worked',
    reason: 'no_time_logged',
    words: {
      numerator: { en: 'selling hours', pl: 'godzin sprzedaży' },
      denominator: { en: 'hours worked', pl: 'przepracowanych godzin' },
    },
  },
})

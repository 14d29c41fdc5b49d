import { defineMetric } from '../define-metric.js'
import { count } from '../measures.js'

export const activitiesLogged = defineMetric({
  id: 'activities_logged',
  names: { en: 'Activities logged', pl: 'Zarejestrowane aktywności' },
  category: 'team',
  unit: 'count',
  direction: 'higher',
  help: 'Number of activities (calls, meetings, demos, e-mails, admin...) started in the period, as logged in the CRM; a rep counts their own. The effort behind the results: few activities and a thin pipeline go together.',
  pl: {
    help: 'Liczba aktywności (rozmowy, spotkania, prezentacje, e-maile, administracja…) rozpoczętych w okresie, zarejestrowanych w CRM; handlowiec liczy swoje. Wysiłek stojący za wynikami: mało aktywności i cienki lejek idą w parze.',
  },
  accumulates: true,
  groupings: ['rep', 'team'],
  measures: { activities: count('activities', { date: 'started_on' }) },
  value: {
    shape: 'measure',
    of: 'activities',
    words: { numerator: { en: 'activities', pl: 'aktywności' } },
  },
})

import { defineMetric } from '../define-metric.js'
import { judgeForecast } from '../forecast-judgement.js'
import { wonRevenue } from '../measures.js'

// Signed (F − A) / A, as metric-definitions.md §11 advises beside accuracy: accuracy says
// how far off a forecast was, bias which way. Oracle's bias has the opposite sign, so the
// help text says which sign means what.
export const forecastBias = defineMetric({
  id: 'forecast_bias',
  names: { en: 'Forecast bias', pl: 'Błąd systematyczny prognoz sprzedaży' },
  category: 'revenue',
  unit: 'ratio',
  direction: 'zero',
  help: '(forecast − actual) / actual, signed: positive = over-forecast (more was promised than won), negative = under-forecast; closer to 0 is better. The same forecast as forecast accuracy: the latest commit forecast for the period made before it began, or before the date a query gives as forecastMadeBefore (scope company, or team:/rep: when grouped); actual: won revenue of the period. Null until the period is over (period_running), without a forecast (no_forecast) or when nothing was won (zero_base).',
  pl: {
    help: '(prognoza − rzeczywistość) / rzeczywistość, ze znakiem: dodatni = prognoza zawyżona (obiecano więcej, niż wygrano), ujemny = zaniżona; im bliżej 0, tym lepiej. Ta sama prognoza co w dokładności prognoz: ostatnia prognoza typu commit na okres złożona przed jego początkiem albo przed datą podaną w zapytaniu jako forecastMadeBefore (zakres firma albo team:/rep: przy grupowaniu); rzeczywistość: przychody z wygranych transakcji okresu. Pusta, dopóki okres trwa (period_running), bez prognozy (no_forecast) lub gdy nic nie wygrano (zero_base).',
  },
  groupings: ['rep', 'team'],
  measures: { revenue: wonRevenue },
  value: {
    shape: 'custom',
    why: 'a signed error of the forecast, with the same reasons as forecast accuracy for a missing forecast and a zero actual',
    reads: ['forecast'],
    formula: {
      en: '({denominator} forecast − {numerator} actual) / actual',
      pl: '({denominator} prognozowanych − {numerator} rzeczywistych) / rzeczywiste',
    },
    drill: { numerator: 'revenue' },
    evaluate: (ctx) => judgeForecast(ctx, (actual, forecast) => (forecast - actual) / actual),
  },
})

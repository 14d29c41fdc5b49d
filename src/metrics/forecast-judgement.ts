import type { EvalContext, MetricValue } from './shapes.js'

/**
 * A forecast judged against what was won, as forecast accuracy and forecast bias both do:
 * null until the period is over (period_running), without a forecast (no_forecast) or
 * with nothing won (zero_base, a ratio to 0); else `judge(actual, forecast)`. Numerator:
 * the actual (its deals are the drill-down), denominator: the forecast.
 */
export function judgeForecast(
  ctx: EvalContext<'revenue'>,
  judge: (actual: number, forecast: number) => number,
): MetricValue {
  // A period not over has no actual yet to judge the forecast by.
  if (ctx.partial) return { value: null, reason: 'period_running' }
  const actual = ctx.m('revenue').value
  const forecast = ctx.nested('forecast').forecast ?? null
  if (forecast === null)
    return { value: null, numerator: actual, denominator: null, reason: 'no_forecast' }
  if (actual === 0)
    return { value: null, numerator: actual, denominator: forecast, reason: 'zero_base' }
  return { value: judge(actual, forecast), numerator: actual, denominator: forecast }
}

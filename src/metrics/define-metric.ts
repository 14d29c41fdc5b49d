import { MiernikError } from '../errors.js'
import {
  metricSchema,
  type MetricDefinition,
  type MetricInput,
  type MetricValue,
} from './metric-schema.js'

/** Validates a definition as data; every problem is reported with its path. */
export function defineMetric(input: MetricInput): MetricDefinition {
  const parsed = metricSchema.safeParse(input)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${input.id ?? '?'}.${i.path.join('.')}: ${i.message}`,
    )
    throw new MiernikError(
      'INVALID_DEFINITION',
      `invalid metric definition:\n  ${problems.join('\n  ')}`,
    )
  }
  const metric = parsed.data
  for (const [part, name] of Object.entries(metric.drill)) {
    if (typeof name === 'string' && !(name in metric.measures)) {
      throw new MiernikError(
        'INVALID_DEFINITION',
        `invalid metric definition:\n  ${metric.id}.drill.${part}: no measure named '${name}'`,
      )
    }
  }
  return metric
}

/** numerator / denominator, or null with `reason` when the denominator is zero. */
export function ratio(
  numerator: number,
  denominator: number,
  reason: string,
  excluded?: number,
): MetricValue {
  const value = denominator === 0 ? null : numerator / denominator
  return {
    value,
    numerator,
    denominator,
    ...(value === null ? { reason } : {}),
    ...(excluded ? { excluded } : {}),
  }
}

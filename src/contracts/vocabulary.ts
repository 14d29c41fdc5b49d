// The words the engine, the HTTP API and the dashboard share. Plain constants with no
// dependency, so the web bundle imports them without pulling in zod.

/** Dimensions a result can be grouped or filtered by. */
export const dimensions = [
  'rep',
  'team',
  'segment',
  'source',
  'product',
  'region',
  'pipeline',
] as const
export type Dimension = (typeof dimensions)[number]

/** `multiple`: a ratio read as "3.9×" (pipeline coverage), its changes as ×. */
export const units = [
  'currency',
  'ratio',
  'multiple',
  'days',
  'count',
  'currency_per_day',
  'hours',
] as const
export type Unit = (typeof units)[number]

/**
 * Which way a metric is better: higher (revenue), lower (cycle length), or closer to zero
 * (forecast bias: over- and under-forecasting are both misses, the sign says which).
 */
export const directions = ['higher', 'lower', 'zero'] as const
export type Direction = (typeof directions)[number]

export const categories = ['revenue', 'conversion', 'pipeline', 'customers', 'team'] as const
export type Category = (typeof categories)[number]

export const grains = ['month', 'quarter', 'year', 'all'] as const
export type Grain = (typeof grains)[number]

export const languages = ['en', 'pl'] as const
export type Lang = (typeof languages)[number]

export type DrillPart = 'numerator' | 'denominator'

/** How a record column is shown: the drill-down formats each kind its own way. */
export type ColumnKind = 'text' | 'date' | 'number' | 'money'

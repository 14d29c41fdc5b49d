import type { Declaration } from './metric-schema.js'
import type { Shape } from './shapes.js'

/**
 * A metric as a page of data (one file in catalog/). The value may only name the
 * measures declared beside it: a misspelt name does not compile. catalog.ts validates
 * every declaration at start-up and reports every problem at once.
 *
 * @example
 * export const winRate = defineMetric({
 *   id: 'win_rate', ...,
 *   measures: { won: wonCount, closed: closedCount },
 *   value: {
 *     shape: 'ratio', numerator: 'won', denominator: 'closed', reason: 'no_closed_deals',
 *     words: { numerator: { en: 'won', pl: 'wygranych' }, denominator: { en: 'closed', pl: 'zamkniętych' } },
 *   },
 * })
 */
export function defineMetric<const M extends string = never>(
  declaration: Omit<Declaration<M>, 'value'> & { value: Shape<NoInfer<M>> },
): Declaration<M> {
  return declaration
}

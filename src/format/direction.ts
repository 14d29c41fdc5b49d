import type { Direction } from '../contracts/vocabulary.js'

/**
 * What a metric's direction says about its values, in one place for the CLI and the
 * dashboard: each lookup is keyed by every direction, so a new one does not compile until
 * each is decided.
 */

/** How far from best a value is: the smaller the better (best-first sorting). */
const distance: Record<Direction, (v: number) => number> = {
  higher: (v) => -v,
  lower: (v) => v,
  zero: (v) => Math.abs(v),
}

/** 1 when `to` is better than `from`, −1 when worse, 0 when neither (−5% and +5% bias). */
export function compareValues(direction: Direction, from: number, to: number): -1 | 0 | 1 {
  const d = distance[direction](to) - distance[direction](from)
  return d < 0 ? 1 : d > 0 ? -1 : 0
}

/** Orders values best first; null (no value) last. */
export function bestFirst(direction: Direction, a: number | null, b: number | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1
  return distance[direction](a) - distance[direction](b)
}

/** Whether the sign of a value says anything: not where either side of zero is as far from it. */
const signed: Record<Direction, boolean> = { higher: true, lower: true, zero: false }

/**
 * Whether a value's sign alone says better (a growth above zero), worse, or nothing (a bias
 * of +10% is as far off as one of −10%).
 */
export function signIsBetter(direction: Direction, v: number): boolean | null {
  if (!signed[direction] || v === 0) return null
  return compareValues(direction, 0, v) > 0
}

/** The catalogue's word for what is better: "higher" (is better). */
export const betterWord: Record<Direction, string> = {
  higher: 'higher',
  lower: 'lower',
  zero: 'closer to 0',
}

import { signIsBetter } from '../../../src/format/direction.js'
import type { Direction } from '../api/types.js'

/**
 * A breakdown bar: its length against the largest value; when values fall on both sides of
 * zero (growth), from a middle line (left for below zero), green where the metric's
 * direction says better and red where worse (neither for closer-to-zero: over and under
 * are both misses, the side says which).
 */
export function breakdownBar(
  value: number | null,
  max: number,
  signed: boolean,
  direction: Direction,
): { className?: string; style: { width: string; left?: string; right?: string } } {
  const v = value ?? 0
  const width = `${max > 0 ? (Math.abs(v) / max) * (signed ? 50 : 100) : 0}%`
  if (!signed) return { style: { width } }
  const better = signIsBetter(direction, v)
  const style = v < 0 ? { width, right: '50%' } : { width, left: '50%' }
  return better === null ? { style } : { className: better ? 'good' : 'bad', style }
}

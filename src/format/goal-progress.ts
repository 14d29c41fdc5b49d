/**
 * How a figure stands against its goal (a target, or a rep's quota), the way a head of sales
 * reads it: the share of the goal reached, the share expected by now, and a verdict. Shared
 * by the dashboard, the CLI and the review packs, so all three say the same.
 *
 * - What builds up over a period (revenue, deals won: the catalogue's `accumulates`) is judged
 *   against the pace: with 40% of the quarter gone, 40% of the target is on pace.
 * - A rate (win rate, conversion) does not build up: it is on target or not, whenever read.
 * - A closed period has no pace left: the goal is met or missed.
 * - Closer to zero is better (forecast bias): the goal is a tolerance either side of zero,
 *   met within it; a share of a tolerance means nothing, so there is none.
 */
import type { Direction } from '../contracts/vocabulary.js'

export type GoalStatus = 'met' | 'on_pace' | 'behind' | 'missed'

export interface GoalProgress {
  /** value / goal; null when the value is unknown, the goal is 0 or a tolerance. */
  share: number | null
  /** The share of the goal expected at this point: the pace for what builds up, else 1. */
  expected: number
  /** null when the value is unknown. */
  status: GoalStatus | null
}

export interface GoalInput {
  value: number | null
  goal: number
  /** The share of the period gone (a running period's row carries it). */
  pace?: number | undefined
  running?: boolean | undefined
}

/** Whether a value is at its goal, by the metric's direction. */
const reaches: Record<Direction, (value: number, goal: number) => boolean> = {
  higher: (value, goal) => value >= goal,
  lower: (value, goal) => value <= goal,
  zero: (value, goal) => Math.abs(value) <= Math.abs(goal),
}

export function goalProgress(
  input: GoalInput,
  metric: { accumulates: boolean; direction: Direction },
): GoalProgress {
  const { value, goal } = input
  const running = input.running === true
  const share = value === null || goal === 0 || metric.direction === 'zero' ? null : value / goal
  const expected = metric.accumulates && running ? (input.pace ?? 1) : 1
  if (value === null) return { share, expected, status: null }
  const reached = reaches[metric.direction](value, goal)
  if (reached) return { share, expected, status: 'met' }
  if (!running) return { share, expected, status: 'missed' }
  // Building up and lower-is-better would be odd (a cost target spent "on pace"): such a
  // metric, like a rate, is simply not at its goal yet.
  const onPace =
    metric.accumulates && metric.direction === 'higher' && share !== null && share >= expected
  return { share, expected, status: onPace ? 'on_pace' : 'behind' }
}

/** Green only for a goal met or on pace. */
export function goalIsGood(status: GoalStatus | null): boolean {
  return status === 'met' || status === 'on_pace'
}

import type { GoalProgress } from '../../../src/format/goal-progress.js'
import { goalIsGood } from '../../../src/format/goal-progress.js'
import { useI18n } from '../i18n/i18n.js'

/** Where a bar ends: a little past the goal, so beating it shows. */
const SCALE = 1.25

/**
 * A goal as a bar: the share reached, a mark at 100% and, while a period that builds up runs,
 * a mark at the share expected by now; with the verdict in words (green only when met or on
 * pace). `of` names the goal: "of target", "of quota".
 */
export function GoalMeter(props: {
  progress: GoalProgress
  of: 'target' | 'quota'
  /** Whether the figure builds up over the period (its verdict is then about pace). */
  accumulates: boolean
  compact?: boolean
  testId?: string
}) {
  const { t, fmt } = useI18n()
  const { share, expected, status } = props.progress
  if (share === null || status === null) return null
  const pos = (v: number) => `${(Math.min(Math.max(v, 0), SCALE) / SCALE) * 100}%`
  const tone = goalIsGood(status) ? 'good' : 'bad'
  const words = status === 'behind' && !props.accumulates ? t('goal.below') : t(`goal.${status}`)
  const reached = t(props.of === 'quota' ? 'goal.ofQuota' : 'goal.ofTarget', {
    share: fmt.value(share, 'ratio'),
  })
  const expectedText =
    expected < 1 ? t('goal.expected', { share: fmt.value(expected, 'ratio') }) : null
  return (
    <div
      className={`goal goal-${tone}${props.compact ? ' goal-compact' : ''}`}
      data-testid={props.testId}
      data-status={status}
      data-share={share}
      data-expected={expected}
    >
      <span className="goal-bar" aria-hidden="true">
        <span className="goal-fill" style={{ width: pos(share) }} />
        <span className="goal-mark goal-mark-full" style={{ left: pos(1) }} />
        {expected < 1 ? (
          <span className="goal-mark goal-mark-pace" style={{ left: pos(expected) }} />
        ) : null}
      </span>
      <span className="goal-text">
        {props.compact ? null : <>{reached}</>}
        {!props.compact && expectedText ? <> · {expectedText}</> : null}
        <span className="sr-only">
          {props.compact ? `${reached}${expectedText ? `, ${expectedText}` : ''}: ` : ''}
        </span>{' '}
        <strong className="goal-status">{words}</strong>
      </span>
    </div>
  )
}

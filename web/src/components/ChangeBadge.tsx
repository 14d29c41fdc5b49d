import { compareValues } from '../../../src/format/direction.js'
import type { Direction, Unit } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'

/**
 * A change with ▲/▼ and a colour by the metric's direction: green when better, red when
 * worse, neutral when neither (a bias from −5% to +5%).
 */
export function ChangeBadge(props: {
  label: string
  change: number | null | undefined
  previous: number | null | undefined
  unit: Unit
  direction: Direction
}) {
  const { t, fmt } = useI18n()
  const { change } = props
  if (change === null || change === undefined) {
    return (
      <span className="change change-neutral">
        <span className="change-value">{t('change.na')}</span>{' '}
        <span className="change-label">{props.label}</span>
      </span>
    )
  }
  // A change has a previous value; 0 stands in only where a caller left it out.
  const from = props.previous ?? 0
  const verdict = compareValues(props.direction, from, from + change)
  const tone = verdict === 0 ? 'neutral' : verdict > 0 ? 'good' : 'bad'
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '='
  const words =
    verdict === 0 ? t('change.none') : verdict > 0 ? t('change.better') : t('change.worse')
  const previous = t('card.previousWas', { value: fmt.value(props.previous, props.unit) })
  return (
    <span className={`change change-${tone}`} title={previous}>
      <span className="change-value">
        <span aria-hidden="true">{arrow} </span>
        {fmt.change(change, props.unit)}
        <span className="sr-only">
          {' '}
          ({words}; {previous})
        </span>
      </span>{' '}
      <span className="change-label">{props.label}</span>
    </span>
  )
}

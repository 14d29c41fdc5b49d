import type { Unit } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'

/** A change with ▲/▼ and a colour by the metric's direction: green when better, red when worse. */
export function ChangeBadge(props: {
  label: string
  change: number | null | undefined
  previous: number | null | undefined
  unit: Unit
  direction: 'higher' | 'lower'
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
  const better = props.direction === 'higher' ? change > 0 : change < 0
  const tone = change === 0 ? 'neutral' : better ? 'good' : 'bad'
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '='
  const verdict = change === 0 ? t('change.none') : better ? t('change.better') : t('change.worse')
  const previous = t('card.previousWas', { value: fmt.value(props.previous, props.unit) })
  return (
    <span className={`change change-${tone}`} title={previous}>
      <span className="change-value">
        <span aria-hidden="true">{arrow} </span>
        {fmt.change(change, props.unit)}
        <span className="sr-only">
          {' '}
          ({verdict}; {previous})
        </span>
      </span>{' '}
      <span className="change-label">{props.label}</span>
    </span>
  )
}

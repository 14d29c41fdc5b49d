import type { MetricInfo, ResultRow } from '../api/types.js'
import { drillParts, partFor } from '../app/drill.js'
import { useDrill } from '../app/useDrill.js'
import { useI18n } from '../i18n/i18n.js'

/**
 * A formatted value that opens the records behind it; plain text for a metric with no records
 * to list (time in stage, CLTV, time selling).
 */
export function DrillValue(props: {
  metric: MetricInfo
  row: ResultRow | undefined
  /** What the value is of, for screen readers: "Win rate", "Enterprise", "Priya Raman, Win rate". */
  context: string
  /** A trend bucket instead of the view's period. */
  period?: { from: string; to: string }
  className?: string
  testId?: string
}) {
  const { t, fmt, reason, metricName } = useI18n()
  const drill = useDrill()
  const { metric, row } = props
  const text = fmt.value(row?.value, metric.unit)
  const common = {
    className: props.className,
    'data-testid': props.testId,
    'data-value': props.testId ? (row?.value ?? '') : undefined,
    title: row && row.value === null ? reason(row.reason) : undefined,
  }
  if (!row || drillParts(metric).length === 0) return <span {...common}>{text}</span>
  return (
    <button
      type="button"
      {...common}
      aria-label={`${props.context}: ${text}. ${t('card.drill', { name: metricName(metric, metric.id) })}`}
      onClick={() =>
        drill({
          metric: metric.id,
          part: partFor(metric, row.group),
          group: row.group,
          ...props.period,
        })
      }
    >
      {text}
    </button>
  )
}

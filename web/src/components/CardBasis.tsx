import type { ResultRow } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'

/**
 * The amounts behind a figure that is a ratio of money, said in a line under it: a growth of
 * 30% means little without the revenue it is of, a coverage of 2.2× without the pipeline.
 */
export function CardBasis(props: { metric: string; row: ResultRow | undefined }) {
  const { t, fmt } = useI18n()
  const { row } = props
  if (!row || row.numerator === null || row.denominator === null) return null
  const money = (v: number) => fmt.value(v, 'currency')
  let text: string | null = null
  if (props.metric === 'revenue_growth') {
    text = t('basis.revenueGrowth', {
      now: money(row.denominator + row.numerator),
      before: money(row.denominator),
    })
  } else if (props.metric === 'pipeline_coverage') {
    text = t('basis.pipelineCoverage', {
      pipeline: money(row.numerator),
      quota: money(row.denominator),
    })
  }
  if (text === null) return null
  return (
    <p className="card-basis" data-testid={`card-basis-${props.metric}`}>
      {text}
    </p>
  )
}

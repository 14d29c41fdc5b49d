import type { MetricInfo, ResultRow } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'
import { DrillValue } from './DrillValue.js'

/** A stage metric's card body: one value per stage, in pipeline order, each a drill-down. */
export function StageValues(props: { metric: MetricInfo; rows: ResultRow[] }) {
  const { t } = useI18n()
  const pipelines = new Set(props.rows.map((r) => r.group.pipeline))
  return (
    <div className="stage-values" data-testid={`card-value-${props.metric.id}`} data-value="">
      <p className="breakdown-title">{t('card.perStage')}</p>
      <ul>
        {props.rows.map((r) => {
          const stage = (pipelines.size > 1 ? `${r.group.pipeline} · ` : '') + (r.group.stage ?? '')
          return (
            <li key={`${r.group.pipeline}/${r.group.stage}`}>
              <span className="breakdown-name">{stage}</span>
              <DrillValue
                metric={props.metric}
                row={r}
                context={stage}
                className="link-button breakdown-value"
              />
            </li>
          )
        })}
      </ul>
    </div>
  )
}

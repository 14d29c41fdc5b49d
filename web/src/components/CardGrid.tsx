import type { Dimension, MetricInfo } from '../api/types.js'
import { rowsOf, type PageData } from '../hooks/useMetricsPage.js'
import { MetricCard } from './MetricCard.js'

export function CardGrid(props: { metrics: MetricInfo[]; data: PageData; by: Dimension | null }) {
  const { data } = props
  return (
    <div className="card-grid">
      {props.metrics.map((m) => (
        <MetricCard
          key={m.id}
          metric={m}
          by={props.by}
          rows={{
            current: rowsOf(data.current, m.id),
            yearAgo: rowsOf(data.yearAgo, m.id),
            trend: rowsOf(data.trend, m.id),
            grouped: data.grouped && rowsOf(data.grouped, m.id),
          }}
        />
      ))}
    </div>
  )
}

import type { Dimension, MetricInfo } from '../api/types.js'
import { useAppData } from '../app/app-data.js'
import { drillParts, partFor } from '../app/drill.js'
import { useLocation } from '../app/router.js'
import { useDrill } from '../app/useDrill.js'
import { rowsOf, type PageData } from '../hooks/useMetricsPage.js'
import { useI18n } from '../i18n/i18n.js'
import { Segmented } from './Segmented.js'
import { EmptyState } from './States.js'
import { buildSeries, type Bucket, type Series } from './trend-series.js'
import { TrendChart } from './TrendChart.js'
import { TrendTable } from './TrendTable.js'
import { Field } from './Field.js'

/** A metric of the page over the last 8 periods: chart (line or bar) or table; kept in the URL. */
export function TrendPanel(props: { metrics: MetricInfo[]; data: PageData; by: Dimension | null }) {
  const { t, fmt, metricName, reason } = useI18n()
  const { label } = useAppData()
  const { params, update } = useLocation()
  const drill = useDrill()
  const { data, metrics } = props
  const metric = metrics.find((m) => m.id === params.get('trend')) ?? metrics[0]
  if (!metric) return null
  const view = params.get('tview') === 'table' ? 'table' : 'chart'
  const type = params.get('chart') === 'bar' ? 'bar' : 'line'
  const name = metricName(metric, metric.id)

  const grouped = props.by !== null && data.groupedTrend !== null
  const rows = rowsOf(grouped ? data.groupedTrend : data.trend, metric.id)
  const pipelines = new Set(rows.map((r) => r.group.pipeline ?? null))
  const groupName = (group: Record<string, string | null>) => {
    const parts = Object.entries(group)
      .filter(([k]) => !(k === 'pipeline' && pipelines.size <= 1 && 'stage' in group))
      .map(([k, v]) => label(k, v))
    return parts.length > 0 ? parts.join(' · ') : name
  }
  const { buckets, series } = buildSeries(rows, groupName)
  const unsupported = rows.some((r) => r.reason === 'unsupported_grouping')
  const onPoint = (s: Series, b: Bucket) => {
    if (drillParts(metric).length === 0) return
    drill({
      metric: metric.id,
      part: partFor(metric, s.group),
      group: s.group,
      from: b.start,
      to: b.end,
    })
  }
  const p = data.trendPeriod
  const caption = t('trend.ariaChart', {
    name,
    grain: t(`period.${p.grain === 'all' ? 'month' : p.grain}`).toLowerCase(),
    from: fmt.date(p.from),
    to: fmt.date(p.to),
  })

  return (
    <section className="panel trend" aria-labelledby="trend-title">
      <div className="panel-head">
        <h2 id="trend-title">{t('trend.title')}</h2>
        <Field label={t('trend.metric')}>
          <select
            data-testid="trend-metric"
            value={metric.id}
            onChange={(e) => update({ trend: e.target.value }, { replace: true })}
          >
            {metrics.map((m) => (
              <option key={m.id} value={m.id}>
                {metricName(m, m.id)}
              </option>
            ))}
          </select>
        </Field>
        <Segmented
          label={t('trend.view')}
          testId="trend-view"
          value={view}
          options={[
            { value: 'chart', label: t('trend.chart') },
            { value: 'table', label: t('trend.table') },
          ]}
          onChange={(v) => update({ tview: v === 'chart' ? null : v }, { replace: true })}
        />
        {view === 'chart' ? (
          <Segmented
            label={t('trend.chartType')}
            value={type}
            options={[
              { value: 'line', label: t('trend.line') },
              { value: 'bar', label: t('trend.bar') },
            ]}
            onChange={(v) => update({ chart: v === 'line' ? null : v }, { replace: true })}
          />
        ) : null}
      </div>
      {rows.every((r) => r.value === null) ? (
        <EmptyState
          message={unsupported ? `${name}: ${reason('unsupported_grouping')}` : undefined}
        />
      ) : view === 'chart' ? (
        <TrendChart
          metric={metric}
          buckets={buckets}
          series={series}
          type={type}
          label={caption}
          onPoint={onPoint}
        />
      ) : (
        <TrendTable metric={metric} buckets={buckets} series={series} caption={caption} />
      )}
    </section>
  )
}

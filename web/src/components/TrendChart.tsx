import { useMemo } from 'react'
import type { MetricInfo } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'
import { Chart } from './Chart.js'
import type { Bucket, Series } from './trend-series.js'

const palette = [
  '#2456a6',
  '#c2571a',
  '#2e7d32',
  '#8e24aa',
  '#00838f',
  '#ad1457',
  '#5d4037',
  '#546e7a',
]

/** A metric over the trend's buckets, one line (or bar) per series; a click drills into a point. */
export function TrendChart(props: {
  metric: MetricInfo
  buckets: Bucket[]
  series: Series[]
  type: 'line' | 'bar'
  label: string
  onPoint: (series: Series, bucket: Bucket) => void
}) {
  const { t, fmt } = useI18n()
  const { metric, buckets, series, type } = props
  const option = useMemo(
    () => ({
      color: palette,
      animationDuration: 300,
      grid: { left: 8, right: 16, top: series.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
      legend: series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt.value(v, metric.unit) : '—'),
      },
      xAxis: {
        type: 'category',
        data: buckets.map((b) =>
          b.running
            ? `${fmt.bucket(b.start, b.end)} (${t('trend.soFar')})`
            : fmt.bucket(b.start, b.end),
        ),
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => fmt.compact(v, metric.unit) },
      },
      series: series.map((s) => ({
        type,
        name: s.name,
        data: s.rows.map((r) => r?.value ?? '-'),
        connectNulls: false,
        symbolSize: 6,
        cursor: 'pointer',
      })),
    }),
    [metric, buckets, series, type, fmt, t],
  )
  return (
    <Chart
      option={option}
      height={320}
      label={props.label}
      testId="trend-chart"
      onClick={(e) => {
        const s = series[e.seriesIndex ?? 0]
        const b = buckets[e.dataIndex]
        if (s && b) props.onPoint(s, b)
      }}
    />
  )
}

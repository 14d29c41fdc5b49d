import { useMemo } from 'react'
import type { ResultRow, Unit } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'
import { Chart } from './Chart.js'

/** The last periods of one metric as a small line (ECharts). */
export function Sparkline(props: { rows: ResultRow[]; unit: Unit; name: string }) {
  const { t, fmt } = useI18n()
  const { rows, unit } = props
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: {
        type: 'category',
        show: false,
        data: rows.map((r) =>
          r.running
            ? `${fmt.bucket(r.period_start, r.period_end)} (${t('trend.soFar')})`
            : fmt.bucket(r.period_start, r.period_end),
        ),
      },
      yAxis: { type: 'value', show: false, scale: true },
      tooltip: {
        trigger: 'axis',
        confine: true,
        valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt.value(v, unit) : '—'),
      },
      series: [
        {
          type: 'line',
          // A running bucket's point is hollow: a figure so far, not a final one.
          data: rows.map((r) =>
            r.running
              ? { value: r.value ?? '-', symbol: 'emptyCircle', symbolSize: 6 }
              : (r.value ?? '-'),
          ),
          symbol: 'circle',
          symbolSize: 4,
          lineStyle: { width: 2, color: '#2456a6' },
          itemStyle: { color: '#2456a6' },
          areaStyle: { color: 'rgba(36, 86, 166, 0.12)' },
        },
      ],
    }),
    [rows, unit, fmt, t],
  )
  if (rows.length === 0 || rows.every((r) => r.value === null))
    return <p className="sparkline-empty">{t('card.noTrend')}</p>
  return (
    <Chart
      option={option}
      height={48}
      label={t('card.trend', { name: props.name, n: rows.length })}
    />
  )
}

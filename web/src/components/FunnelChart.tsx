import { useMemo } from 'react'
import type { FunnelStage } from '../api/types.js'
import { useDrill } from '../app/useDrill.js'
import { useI18n } from '../i18n/i18n.js'
import { Chart } from './Chart.js'

const colors = ['#1d4a8f', '#2456a6', '#3a6fc1', '#5b8bd3', '#86aae0', '#aec6ea', '#cfdcf2']

/** A tapered funnel (ECharts funnel series) of the deals that reached each stage. */
export function FunnelChart(props: { pipeline: string; stages: FunnelStage[] }) {
  const { t, fmt } = useI18n()
  const drill = useDrill()
  const { stages } = props
  const option = useMemo(
    () => ({
      color: colors,
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const s = stages[p.dataIndex]
          if (!s) return ''
          return [
            `<strong>${escapeHtml(s.stage)}</strong>`,
            `${t('funnel.reached')}: ${fmt.number(s.reached, 0)}`,
            `${t('funnel.amount')}: ${fmt.value(s.amount, 'currency')}`,
            `${t('funnel.conversion')}: ${fmt.value(s.conversion, 'ratio')}`,
            `${t('funnel.cumulative')}: ${fmt.value(s.cumulative, 'ratio')}`,
          ].join('<br>')
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: 8,
          width: '62%',
          top: 8,
          bottom: 8,
          min: 0,
          max: Math.max(1, ...stages.map((s) => s.reached)),
          minSize: '4%',
          gap: 2,
          cursor: 'pointer',
          // Stage names and counts beside the funnel: a narrow stage has no room inside.
          label: {
            show: true,
            position: 'right',
            color: '#1b1f24',
            lineHeight: 16,
            formatter: (p: { dataIndex: number }) => {
              const s = stages[p.dataIndex]
              return s
                ? `${s.stage}\n${fmt.number(s.reached, 0)} · ${fmt.value(s.cumulative, 'ratio')}`
                : ''
            },
          },
          labelLine: { show: true, length: 10 },
          data: stages.map((s) => ({ name: s.stage, value: s.reached })),
        },
      ],
    }),
    [stages, t, fmt],
  )
  return (
    <Chart
      option={option}
      height={Math.max(280, stages.length * 56)}
      label={t('funnel.aria', { pipeline: props.pipeline })}
      testId="funnel-chart"
      onClick={(e) => {
        const s = stages[e.dataIndex]
        if (s)
          drill({
            metric: 'stage_conversion',
            part: 'denominator',
            group: { pipeline: props.pipeline, stage: s.stage },
          })
      }}
    />
  )
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

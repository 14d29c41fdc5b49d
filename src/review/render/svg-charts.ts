import { BarChart } from 'echarts/charts'
import { GridComponent, MarkLineComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { Formatter } from '../../format/number-format.js'
import type { Chart } from './document.js'

echarts.use([BarChart, GridComponent, MarkLineComponent, SVGRenderer])

const good = '#1a7f37'
const bad = '#c62828'
const neutral = '#3b5bdb'

/**
 * A chart as an SVG string, drawn by ECharts on the server (its SSR mode: no DOM, no canvas):
 * the HTML pack carries it inline, so the file is whole on its own and prints as drawn.
 */
export function chartSvg(chart: Chart, f: Formatter, width = 720): string {
  const height = chart.kind === 'bars' ? Math.max(160, 28 * chart.bars.length + 60) : 300
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    instance.setOption({
      animation: false,
      ...(chart.kind === 'waterfall' ? waterfall(chart, f) : bars(chart, f)),
    })
    return instance.renderToSVGString()
  } finally {
    instance.dispose()
  }
}

/** Revenue before, each driver stacked from where the last one ended, revenue after. */
function waterfall(chart: Extract<Chart, { kind: 'waterfall' }>, f: Formatter) {
  let level = 0
  const base: number[] = []
  const size: number[] = []
  const colours: string[] = []
  for (const s of chart.steps) {
    if (s.total) {
      base.push(0)
      size.push(s.value)
      colours.push(neutral)
      level = s.value
    } else {
      const next = level + s.value
      base.push(Math.min(level, next))
      size.push(Math.abs(s.value))
      colours.push(s.value >= 0 ? good : bad)
      level = next
    }
  }
  const label = (i: number) => {
    const s = chart.steps[i]
    if (!s) return ''
    return s.total
      ? f.compact(s.value, 'currency')
      : `${s.value >= 0 ? '+' : ''}${f.compact(s.value, 'currency')}`
  }
  return {
    grid: { left: 70, right: 20, top: 20, bottom: 70 },
    xAxis: {
      type: 'category',
      data: chart.steps.map((s) => s.label),
      axisLabel: { interval: 0, width: 120, overflow: 'break', fontSize: 10 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.compact(v, 'currency') } },
    series: [
      { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, silent: true },
      {
        type: 'bar',
        stack: 'w',
        data: size.map((v, i) => ({ value: v, itemStyle: { color: colours[i] } })),
        label: {
          show: true,
          position: 'top',
          formatter: (p: { dataIndex: number }) => label(p.dataIndex),
        },
      },
    ],
  }
}

/** Horizontal bars, with a mark (100% of quota) when given. */
function bars(chart: Extract<Chart, { kind: 'bars' }>, f: Formatter) {
  const list = [...chart.bars].reverse()
  return {
    grid: { left: 150, right: 60, top: 10, bottom: 30 },
    yAxis: {
      type: 'category',
      data: list.map((b) => b.label),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.compact(v, chart.unit) } },
    series: [
      {
        type: 'bar',
        data: list.map((b) => ({
          value: b.value,
          itemStyle: {
            color: chart.mark === undefined ? neutral : b.value >= chart.mark ? good : bad,
          },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number }) => f.value(p.value, chart.unit),
        },
        ...(chart.mark === undefined
          ? {}
          : {
              markLine: {
                symbol: 'none',
                silent: true,
                data: [{ xAxis: chart.mark }],
                lineStyle: { color: '#555', type: 'dashed' },
              },
            }),
      },
    ],
  }
}

import { useEffect, useRef } from 'react'
import { echarts, type ChartOption } from './echarts.js'

export interface ChartClick {
  dataIndex: number
  seriesIndex?: number
  name: string
}

/** One ECharts instance: created on mount, its option replaced on change, disposed on unmount. */
export function Chart(props: {
  option: ChartOption
  label: string
  height: number
  onClick?: (e: ChartClick) => void
  testId?: string
}) {
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const onClick = useRef(props.onClick)
  useEffect(() => {
    onClick.current = props.onClick
  })

  useEffect(() => {
    if (!el.current) return
    const instance = echarts.init(el.current, null, { renderer: 'svg' })
    chart.current = instance
    instance.on('click', (e) => onClick.current?.(e as unknown as ChartClick))
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(el.current)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    // ECharts writes its aria description onto the container: give it ours.
    chart.current?.setOption(
      { aria: { enabled: true, label: { description: props.label } }, ...props.option },
      true,
    )
  }, [props.option, props.label])

  return (
    <div
      ref={el}
      className="chart"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      style={{ height: props.height }}
    />
  )
}

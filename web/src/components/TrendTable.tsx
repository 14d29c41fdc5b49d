import type { MetricInfo } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'
import type { Bucket, Series } from './trend-series.js'
import { DrillValue } from './DrillValue.js'
import { ScrollArea } from './ScrollArea.js'

/** The trend as a table: a row per bucket, a column per series; each value a drill-down. */
export function TrendTable(props: {
  metric: MetricInfo
  buckets: Bucket[]
  series: Series[]
  caption: string
}) {
  const { t, fmt } = useI18n()
  const { buckets, series } = props
  return (
    <ScrollArea label={props.caption}>
      <table className="data-table" data-testid="trend-table">
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trend.period')}</th>
            {series.map((s) => (
              <th key={s.key} scope="col" className="num">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {buckets.map((b, i) => (
            <tr key={b.start}>
              <th scope="row">
                {fmt.bucket(b.start, b.end)}
                {b.running ? ` (${t('trend.soFar')})` : null}
              </th>
              {series.map((s) => {
                const r = s.rows[i]
                return (
                  <td key={s.key} className="num">
                    {r ? (
                      <DrillValue
                        metric={props.metric}
                        row={r}
                        context={`${s.name}, ${fmt.bucket(b.start, b.end)}`}
                        period={{ from: b.start, to: b.end }}
                        className="link-button"
                      />
                    ) : (
                      '—'
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}

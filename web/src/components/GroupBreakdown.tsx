import { useState } from 'react'
import { bestFirst } from '../../../src/format/direction.js'
import type { Dimension, MetricInfo, ResultRow } from '../api/types.js'
import { useAppData } from '../app/app-data.js'
import { useI18n } from '../i18n/i18n.js'
import { breakdownBar } from './breakdown-bar.js'
import { DrillValue } from './DrillValue.js'

const shown = 5

/** A card's values per group of the picked grouping, best first, each a drill-down. */
export function GroupBreakdown(props: { metric: MetricInfo; rows: ResultRow[]; by: Dimension }) {
  const { t, reason } = useI18n()
  const { label } = useAppData()
  const [all, setAll] = useState(false)
  const { metric, by } = props
  const rows = [...props.rows].sort((a, b) => bestFirst(metric.direction, a.value, b.value))
  const unsupported = rows.find((r) => r.reason === 'unsupported_grouping')
  if (unsupported && rows.every((r) => r.value === null)) {
    return (
      <div className="breakdown">
        <p className="breakdown-title">{t(`dim.${by}`)}</p>
        <p className="card-note">{reason(unsupported.reason)}</p>
      </div>
    )
  }
  const visible = all ? rows : rows.slice(0, shown)
  const max = Math.max(...rows.map((r) => Math.abs(r.value ?? 0)), 0)
  const signed = rows.some((r) => (r.value ?? 0) < 0)
  return (
    <div className="breakdown">
      <p className="breakdown-title">{t(`dim.${by}`)}</p>
      <ul>
        {visible.map((r) => {
          const name = label(by, r.group[by] ?? null)
          return (
            <li key={name}>
              <span className="breakdown-name" title={name}>
                {name}
              </span>
              <span
                className={signed ? 'breakdown-bar signed' : 'breakdown-bar'}
                aria-hidden="true"
              >
                <span
                  data-testid="breakdown-bar"
                  {...breakdownBar(r.value, max, signed, metric.direction)}
                />
              </span>
              <DrillValue
                metric={metric}
                row={r}
                context={name}
                className="link-button breakdown-value"
              />
            </li>
          )
        })}
      </ul>
      {rows.length > shown ? (
        <button
          type="button"
          className="link-button"
          onClick={() => setAll(!all)}
          aria-expanded={all}
        >
          {all ? '−' : `+${rows.length - shown}`}
        </button>
      ) : null}
    </div>
  )
}

import type { ReactNode } from 'react'
import { useResolvedPeriod, useView } from '../app/view.js'
import { useI18n } from '../i18n/i18n.js'

/** The page's title, the period it shows (pages of no period say none) and its actions. */
export function PageHeader(props: {
  title: string
  actions?: ReactNode
  children?: ReactNode
  period?: boolean
}) {
  const { fmt } = useI18n()
  const period = useResolvedPeriod(useView())
  const range =
    period.status === 'ok' ? period.data : period.status === 'loading' ? period.stale : null
  return (
    <div className="page-head">
      <div>
        <h1>{props.title}</h1>
        {props.period === false ? null : (
          <p className="page-period">{range ? fmt.range(range.from, range.to) : '\u00a0'}</p>
        )}
        {props.children}
      </div>
      {props.actions ? <div className="page-actions">{props.actions}</div> : null}
    </div>
  )
}

import type { Dimension, MetricInfo, ResultRow } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'
import { ChangeBadge } from './ChangeBadge.js'
import { GroupBreakdown } from './GroupBreakdown.js'
import { Sparkline } from './Sparkline.js'
import { StageValues } from './StageValues.js'
import { DrillValue } from './DrillValue.js'
import { CardBasis } from './CardBasis.js'
import { GoalMeter } from './GoalMeter.js'
import { goalProgress } from '../../../src/format/goal-progress.js'

export interface CardRows {
  /** The period, compared with the one before (one row; one per stage for stage metrics). */
  current: ResultRow[]
  yearAgo: ResultRow[]
  trend: ResultRow[]
  grouped: ResultRow[] | null
}

/** One metric: value, changes vs the previous period and a year ago, sparkline, breakdown. */
export function MetricCard(props: { metric: MetricInfo; rows: CardRows; by: Dimension | null }) {
  const { t, fmt, lang, reason, metricName, metricHelp, metricFormula } = useI18n()
  const { metric, rows } = props
  const name = metricName(metric, metric.id)
  const perStage = rows.current.some((r) => r.group.stage !== undefined)
  const row = perStage ? undefined : rows.current[0]
  const yearAgo = perStage ? undefined : rows.yearAgo[0]
  const titleId = `card-title-${metric.id}`
  return (
    <article className="card" data-testid={`card-${metric.id}`} aria-labelledby={titleId}>
      <header className="card-head">
        <h3 id={titleId} title={name}>
          {name}
        </h3>
        <details className="card-help">
          <summary aria-label={t('card.help')} title={t('card.help')}>
            ?
          </summary>
          <div className="card-help-body">
            <p>{metricHelp(metric)}</p>
            <p className="formula">{metricFormula(metric).replace(/\{(\w+)\}/g, '$1')}</p>
          </div>
        </details>
      </header>
      {perStage ? (
        <StageValues metric={metric} rows={rows.current} />
      ) : (
        <>
          <div className="card-main">
            <DrillValue
              metric={metric}
              row={row}
              context={name}
              className="card-value"
              testId={`card-value-${metric.id}`}
            />
            {row?.value === null && row.reason ? (
              <span className="card-reason">{reason(row.reason)}</span>
            ) : null}
          </div>
          <CardBasis metric={metric.id} row={row} />
          {row?.running && row.through ? (
            <p className="card-note" data-testid={`card-running-${metric.id}`}>
              {t('card.running', { date: fmt.date(row.through) })}
              {row.pace !== undefined
                ? ` · ${t('card.pace', { share: fmt.value(row.pace, 'ratio') })}`
                : null}
            </p>
          ) : null}
          <div className="card-changes">
            <ChangeBadge
              label={
                row?.previous_through
                  ? t('card.vsPreviousSoFar', { date: fmt.date(row.previous_through) })
                  : t('card.vsPrevious')
              }
              change={row?.change}
              previous={row?.previous}
              unit={metric.unit}
              direction={metric.direction}
            />
            <ChangeBadge
              label={
                yearAgo?.previous_through
                  ? t('card.vsYearAgoSoFar', { date: fmt.date(yearAgo.previous_through) })
                  : t('card.vsYearAgo')
              }
              change={yearAgo?.change}
              previous={yearAgo?.previous}
              unit={metric.unit}
              direction={metric.direction}
            />
          </div>
          {row?.target !== undefined ? (
            <div className="card-target" data-testid={`card-target-${metric.id}`}>
              <p>
                {t('card.target')}: {fmt.value(row.target, metric.unit)}
              </p>
              <GoalMeter
                progress={goalProgress(
                  { value: row.value, goal: row.target, pace: row.pace, running: row.running },
                  metric,
                )}
                of="target"
                accumulates={metric.accumulates}
                testId={`card-goal-${metric.id}`}
              />
            </div>
          ) : null}
          {metric.reference && row?.value != null ? (
            <p
              className={`card-reference ${row.value >= metric.reference.value ? 'good' : 'bad'}`}
              data-testid={`card-reference-${metric.id}`}
            >
              {t(row.value >= metric.reference.value ? 'card.referenceMet' : 'card.referenceNot', {
                rule: capitalise(lang === 'pl' ? metric.reference.pl : metric.reference.en),
              })}
            </p>
          ) : null}
          <Sparkline rows={rows.trend} unit={metric.unit} name={name} />
          {row?.data_from ? (
            <p className="card-note" data-testid={`card-data-from-${metric.id}`}>
              {t('card.dataFrom', { date: fmt.date(row.data_from) })}
            </p>
          ) : null}
          {row && row.excluded > 0 ? (
            <p className="card-note">{t('card.excluded', { n: row.excluded })}</p>
          ) : null}
        </>
      )}
      {props.by && rows.grouped && !perStage ? (
        <GroupBreakdown metric={metric} rows={rows.grouped} by={props.by} />
      ) : null}
    </article>
  )
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

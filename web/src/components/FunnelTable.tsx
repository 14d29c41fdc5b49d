import type { FunnelStage } from '../api/types.js'
import { useDrill } from '../app/useDrill.js'
import { useI18n } from '../i18n/i18n.js'
import { ScrollArea } from './ScrollArea.js'

/**
 * The stages with counts, amounts, conversion to the next stage and from the first, the deals
 * that stopped at each (lost there, or still open in it: a leak is not a queue), why they were
 * lost, and the mean days in the stage.
 */
export function FunnelTable(props: { pipeline: string; stages: FunnelStage[] }) {
  const { t, fmt } = useI18n()
  const drill = useDrill()
  // "12 (8.0%)": how many stopped here, and what share of those that reached the stage.
  const share = (n: number | null, of: number) =>
    n === null ? '—' : `${fmt.number(n, 0)} (${fmt.value(of > 0 ? n / of : null, 'ratio')})`
  return (
    <ScrollArea label={t('funnel.aria', { pipeline: props.pipeline })}>
      <table className="data-table funnel-table">
        <caption className="sr-only">{t('funnel.aria', { pipeline: props.pipeline })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('funnel.stage')}</th>
            <th scope="col" className="num">
              {t('funnel.reached')}
            </th>
            <th scope="col" className="num">
              {t('funnel.amount')}
            </th>
            <th scope="col" className="num">
              {t('funnel.conversion')}
            </th>
            <th scope="col" className="num">
              {t('funnel.cumulative')}
            </th>
            <th scope="col" className="num">
              {t('funnel.lost')}
            </th>
            <th scope="col" className="num">
              {t('funnel.stillOpen')}
            </th>
            <th scope="col">{t('funnel.lostReasons')}</th>
            <th scope="col" className="num">
              {t('funnel.meanDays')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.stages.map((s) => (
            <tr key={s.stage} data-testid={`funnel-stage-${s.stage}`} data-reached={s.reached}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('funnel.showDeals', { stage: s.stage })}
                  onClick={() =>
                    drill({
                      metric: 'stage_conversion',
                      part: 'denominator',
                      group: { pipeline: props.pipeline, stage: s.stage },
                    })
                  }
                >
                  {s.stage}
                </button>
              </th>
              <td className="num">{fmt.number(s.reached, 0)}</td>
              <td className="num">{fmt.value(s.amount, 'currency')}</td>
              <td className="num">{fmt.value(s.conversion, 'ratio')}</td>
              <td className="num">{fmt.value(s.cumulative, 'ratio')}</td>
              <td className="num" data-testid={`funnel-lost-${s.stage}`} data-value={s.lost ?? ''}>
                {share(s.lost, s.reached)}
              </td>
              <td
                className="num"
                data-testid={`funnel-open-${s.stage}`}
                data-value={s.still_open ?? ''}
              >
                {share(s.still_open, s.reached)}
              </td>
              <td className="funnel-reasons">
                {s.lost_reasons.length === 0
                  ? '—'
                  : s.lost_reasons
                      .slice(0, 2)
                      .map((r) => `${r.reason ?? t('funnel.noReason')} (${fmt.number(r.count, 0)})`)
                      .join(', ')}
              </td>
              <td className="num">{fmt.value(s.mean_days, 'days')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}

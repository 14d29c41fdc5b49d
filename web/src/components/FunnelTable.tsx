import type { FunnelStage } from '../api/types.js'
import { useDrill } from '../app/useDrill.js'
import { useI18n } from '../i18n/i18n.js'
import { ScrollArea } from './ScrollArea.js'

/** The stages with counts, amounts, conversion to the next stage, cumulative, drop-off, mean days. */
export function FunnelTable(props: { pipeline: string; stages: FunnelStage[] }) {
  const { t, fmt } = useI18n()
  const drill = useDrill()
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
              {t('funnel.dropOff')}
            </th>
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
              <td className="num">
                {s.drop_off === null
                  ? '—'
                  : `${fmt.number(s.drop_off, 0)} (${fmt.value(s.reached > 0 ? s.drop_off / s.reached : null, 'ratio')})`}
              </td>
              <td className="num">{fmt.value(s.mean_days, 'days')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}

import { useAppData } from '../app/app-data.js'
import { useLocation } from '../app/router.js'
import { useResolvedPeriod, useView } from '../app/view.js'
import { useI18n } from '../i18n/i18n.js'
import {
  formatPeriodValue,
  parsePeriodValue,
  periodContaining,
  periodKinds,
  periodOptions,
  shiftPeriodValue,
  type PeriodKind,
} from '../period/period.js'
import { periodLabel } from '../period/period-label.js'
import { CustomRange } from './CustomRange.js'
import { Field } from './Field.js'

const optionCount: Record<PeriodKind, number> = {
  month: 36,
  quarter: 12,
  year: 6,
  fquarter: 12,
  fyear: 6,
}

/** Month, quarter, year, fiscal quarter or year, or a custom range; kept in the URL. */
export function PeriodPicker() {
  const { t, lang, fmt } = useI18n()
  const { settings } = useAppData()
  const view = useView()
  const { update } = useLocation()
  const resolved = useResolvedPeriod(view)
  const fsm = settings.fiscal_year_start_month
  const current = view.period ? parsePeriodValue(view.period) : null
  const kind: PeriodKind | 'custom' = current?.kind ?? 'custom'
  const range = resolved.status === 'ok' ? resolved.data : null

  const setPeriod = (period: string) => update({ period, from: null, to: null })
  const anchor = () => {
    const end = view.custom?.to ?? range?.to ?? view.today
    return end < view.today ? end : view.today
  }
  const onKind = (k: string) => {
    if (k === 'custom') {
      update({ period: null, from: range?.from ?? view.today, to: range?.to ?? view.today })
    } else setPeriod(formatPeriodValue(periodContaining(k as PeriodKind, anchor(), fsm)))
  }

  const options = current
    ? periodOptions(current.kind, view.today, fsm, optionCount[current.kind])
    : []
  if (current && !options.some((o) => formatPeriodValue(o) === view.period))
    options.unshift(current)
  const latest = options[0] ? formatPeriodValue(options[0]) : null

  return (
    <fieldset className="period-picker" data-testid="period-picker" data-period={view.period ?? ''}>
      <legend className="sr-only">{t('period.label')}</legend>
      <Field label={t('period.kind')}>
        <select value={kind} onChange={(e) => onKind(e.target.value)}>
          {periodKinds.map((k) => (
            <option key={k} value={k}>
              {t(`period.${k}`)}
            </option>
          ))}
          <option value="custom">{t('period.custom')}</option>
        </select>
      </Field>
      {current ? (
        <div className="period-step">
          <button
            type="button"
            className="icon-button"
            aria-label={t('period.prev')}
            title={t('period.prev')}
            onClick={() => setPeriod(formatPeriodValue(shiftPeriodValue(current, -1)))}
          >
            ◀
          </button>
          <Field label={t('period.value')}>
            <select value={view.period ?? ''} onChange={(e) => setPeriod(e.target.value)}>
              {options.map((o) => (
                <option key={formatPeriodValue(o)} value={formatPeriodValue(o)}>
                  {periodLabel(o, lang, fmt)}
                </option>
              ))}
            </select>
          </Field>
          <button
            type="button"
            className="icon-button"
            aria-label={t('period.next')}
            title={t('period.next')}
            disabled={view.period === latest}
            onClick={() => setPeriod(formatPeriodValue(shiftPeriodValue(current, 1)))}
          >
            ▶
          </button>
        </div>
      ) : (
        <CustomRange
          key={`${view.custom?.from}..${view.custom?.to}`}
          from={view.custom?.from ?? range?.from ?? view.today}
          to={view.custom?.to ?? range?.to ?? view.today}
          onApply={(from, to) => update({ period: null, from, to })}
        />
      )}
      <span className="period-range" aria-live="polite">
        {range ? fmt.range(range.from, range.to) : ''}
      </span>
    </fieldset>
  )
}

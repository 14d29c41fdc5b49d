import { useState } from 'react'
import { filterDims } from '../api/types.js'
import { useLocation } from '../app/router.js'
import { useView } from '../app/view.js'
import { useI18n } from '../i18n/i18n.js'
import { FilterSelect } from './FilterSelect.js'
import { GroupBySelect } from './GroupBySelect.js'
import { PeriodPicker } from './PeriodPicker.js'

/**
 * Period, grouping and filters: they apply to every page. On a narrow screen the period
 * stays in view and grouping and filters fold behind a button that says how many are set.
 */
export function Toolbar() {
  const { t } = useI18n()
  const { route, update } = useLocation()
  const [open, setOpen] = useState(false)
  // The view's filters: on a scorecard they hold its rep, which the path sets.
  const { filters, by } = useView()
  const scorecard = route.page === 'scorecard'
  const clearable = filterDims.filter((d) => !(scorecard && d === 'rep'))
  const any = clearable.some((d) => (filters[d]?.length ?? 0) > 0)
  const set = clearable.filter((d) => (filters[d]?.length ?? 0) > 0).length + (by ? 1 : 0)
  return (
    <div className="toolbar" role="search" aria-label={t('filters.label')}>
      <PeriodPicker />
      <button
        type="button"
        className="toolbar-more"
        data-testid="toolbar-more"
        aria-expanded={open}
        aria-controls="toolbar-extra"
        onClick={() => setOpen((o) => !o)}
      >
        {t('filters.more')}
        {set > 0 ? <span className="badge">{set}</span> : null}
      </button>
      <div id="toolbar-extra" className={open ? 'toolbar-extra open' : 'toolbar-extra'}>
        <GroupBySelect />
        <div className="filters">
          <span className="filters-label">{t('filters.label')}</span>
          {filterDims.map((dim) => (
            <FilterSelect
              key={dim}
              dim={dim}
              selected={filters[dim] ?? []}
              disabled={dim === 'rep' && scorecard}
              onChange={(values) => update({ [dim]: values })}
            />
          ))}
          {any ? (
            <button
              type="button"
              className="link-button"
              onClick={() => update(Object.fromEntries(clearable.map((d) => [d, null])))}
            >
              {t('filters.clear')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  )
}

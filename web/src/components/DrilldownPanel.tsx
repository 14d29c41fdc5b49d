import { useRef } from 'react'
import { api, drilldownUrl, type DrilldownParams } from '../api/client.js'
import { useAppData } from '../app/app-data.js'
import { useDataVersion } from '../app/data-version.js'
import { drillChanges, drillParts, readDrill } from '../app/drill.js'
import { useLocation } from '../app/router.js'
import { useResolvedPeriod, useView } from '../app/view.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/i18n.js'
import { Dialog } from './Dialog.js'
import { DrillTable } from './DrillTable.js'
import { Loaded } from './Loaded.js'
import { Segmented } from './Segmented.js'

const pageSize = 50

/** The records behind a number (GET /api/drilldown): formula filled in, paged, sortable, CSV. */
export function DrilldownPanel() {
  const { params, update } = useLocation()
  const drill = readDrill(params)
  if (!drill) return null
  return <DrilldownDialog key={drill.metric} onClose={() => update(drillChanges(null))} />
}

function DrilldownDialog(props: { onClose: () => void }) {
  const { t, fmt, metricName, dim, lang } = useI18n()
  const { metric, label } = useAppData()
  const { params, update } = useLocation()
  const view = useView()
  const period = useResolvedPeriod(view)
  const drill = readDrill(params)
  const m = drill ? metric(drill.metric) : undefined
  const name = metricName(m, drill?.metric ?? '')
  const from = drill?.from ?? (period.status === 'ok' ? period.data.from : null)
  const to = drill?.to ?? (period.status === 'ok' ? period.data.to : null)
  // The row's formula comes with the first page; paging and sorting then skip the row. Whether
  // it is known is decided when a page is fetched, not in the request's key: learning it must
  // not fetch the page it came with a second time.
  const formulas = useRef(new Map<string, string | null>())
  const version = useDataVersion()
  const rowKey = drill
    ? JSON.stringify([
        drill.metric,
        drill.part,
        drill.group,
        from,
        to,
        view.filters,
        view.asOf,
        lang,
        version, // the formula is filled in with the row's values
      ])
    : ''
  const knownFormula = formulas.current.get(rowKey)
  const request: DrilldownParams | null =
    drill && from && to
      ? {
          metric: drill.metric,
          lang,
          from,
          to,
          part: drill.part,
          group: drill.group,
          filters: view.filters,
          page: drill.page,
          pageSize,
          sort: drill.sort ?? undefined,
          order: drill.order,
          asOf: view.asOf,
        }
      : null
  const state = useAsync(request && drilldownUrl(request), async (signal) => {
    if (!request) throw new Error('no drill-down')
    const row = !formulas.current.has(rowKey)
    const data = await api.drilldown({ ...request, row }, signal)
    if (row) formulas.current.set(rowKey, data.formula)
    return data
  })
  const slice = Object.entries(drill?.group ?? {})
  // The tabs say what each part counts ("Won", "Closed"), per rep where the words differ.
  const words = drill?.group.rep !== undefined && m?.parts.per_rep ? m.parts.per_rep : m?.parts
  const partLabel = (part: 'numerator' | 'denominator') => {
    const w = words?.[part]
    return w
      ? capitalise(w[lang])
      : t(part === 'numerator' ? 'drill.numerator' : 'drill.denominator')
  }

  return (
    <Dialog
      title={t('drill.title', { name })}
      titleId="drilldown-title"
      onClose={props.onClose}
      closeLabel={t('drill.close')}
      className="drilldown"
      testId="drilldown-panel"
    >
      <div className="drill-meta">
        {from && to ? <span>{fmt.range(from, to)}</span> : null}
        {slice.length > 0 ? (
          <span>
            {t('drill.group')}: {slice.map(([k, v]) => `${dim(k)}: ${label(k, v)}`).join(', ')}
          </span>
        ) : null}
        {drill && drillParts(m).length > 1 ? (
          <Segmented
            label={t('drill.part')}
            value={drill.part}
            options={[
              { value: 'numerator', label: partLabel('numerator') },
              { value: 'denominator', label: partLabel('denominator') },
            ]}
            onChange={(part) =>
              update({ dpart: part, dpage: null, dsort: null, dorder: null }, { replace: true })
            }
          />
        ) : null}
      </div>
      <Loaded state={state} skeletons={1} skeletonHeight={240}>
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / data.page_size))
          return (
            <>
              {(knownFormula ?? data.formula) ? (
                <p className="formula" data-testid="drilldown-formula">
                  {knownFormula ?? data.formula}
                </p>
              ) : null}
              <div className="drill-bar">
                <strong data-testid="drilldown-total" data-total={data.total}>
                  {t('drill.total', { n: fmt.number(data.total, 0) })}
                </strong>
                {request ? (
                  <a
                    className="button"
                    href={drilldownUrl(request, true)}
                    download
                    data-testid="drilldown-csv"
                  >
                    {t('drill.export')}
                  </a>
                ) : null}
              </div>
              <DrillTable
                data={data}
                sort={drill?.sort ?? null}
                order={drill?.order ?? 'asc'}
                onSort={(column, order) =>
                  update({ dsort: column, dorder: order, dpage: null }, { replace: true })
                }
              />
              {pages > 1 ? (
                <nav className="pager" aria-label={t('drill.page', { page: data.page, pages })}>
                  <button
                    type="button"
                    disabled={data.page <= 1}
                    onClick={() => update({ dpage: String(data.page - 1) }, { replace: true })}
                  >
                    ← {t('drill.prevPage')}
                  </button>
                  <span>{t('drill.page', { page: data.page, pages })}</span>
                  <button
                    type="button"
                    disabled={data.page >= pages}
                    onClick={() => update({ dpage: String(data.page + 1) }, { replace: true })}
                  >
                    {t('drill.nextPage')} →
                  </button>
                </nav>
              ) : null}
            </>
          )
        }}
      </Loaded>
    </Dialog>
  )
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

import { api } from '../api/client.js'
import { useLocation } from '../app/router.js'
import { useResolvedPeriod, useView } from '../app/view.js'
import { FunnelChart } from '../components/FunnelChart.js'
import { FunnelTable } from '../components/FunnelTable.js'
import { Loaded } from '../components/Loaded.js'
import { PageHeader } from '../components/PageHeader.js'
import { EmptyState } from '../components/States.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/i18n.js'
import { Field } from '../components/Field.js'

/** The stage funnel (GET /api/funnel): a tapered chart and the stage table; a stage lists its deals. */
export function FunnelPage() {
  const { t, valueWord } = useI18n()
  const view = useView()
  const { params, update } = useLocation()
  const period = useResolvedPeriod(view)
  const p = period.status === 'ok' ? period.data : null
  const query = p && { from: p.from, to: p.to, filters: view.filters, asOf: view.asOf }
  const funnel = useAsync(query && JSON.stringify(query), (signal) => {
    if (!query) throw new Error('no period')
    return api.funnel(query, signal)
  })
  const state = period.status === 'error' ? { ...period, status: 'error' as const } : funnel

  return (
    <>
      <PageHeader title={t('funnel.title')}>
        <p className="hint">{t('funnel.hint')}</p>
      </PageHeader>
      <Loaded state={state} skeletons={2} skeletonHeight={260}>
        {(data) => {
          const pipelines = data.pipelines.filter((pl) => pl.stages.length > 0)
          const picked =
            pipelines.find((pl) => pl.pipeline === params.get('pipeline')) ?? pipelines[0]
          if (!picked || picked.stages.every((s) => s.reached === 0)) return <EmptyState />
          return (
            <section className="panel" aria-labelledby="funnel-pipeline">
              <div className="panel-head">
                <h2 id="funnel-pipeline">{valueWord('pipeline', picked.pipeline)}</h2>
                {pipelines.length > 1 ? (
                  <Field label={t('funnel.pipeline')}>
                    <select
                      value={picked.pipeline}
                      onChange={(e) => update({ pipeline: e.target.value })}
                    >
                      {pipelines.map((pl) => (
                        <option key={pl.pipeline} value={pl.pipeline}>
                          {valueWord('pipeline', pl.pipeline)}
                        </option>
                      ))}
                    </select>
                  </Field>
                ) : null}
              </div>
              <div className="funnel-layout">
                <FunnelChart pipeline={picked.pipeline} stages={picked.stages} />
                <FunnelTable pipeline={picked.pipeline} stages={picked.stages} />
              </div>
            </section>
          )
        }}
      </Loaded>
    </>
  )
}

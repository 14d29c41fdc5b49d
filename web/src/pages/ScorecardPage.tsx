import { useAppData } from '../app/app-data.js'
import { useLocation } from '../app/router.js'
import { pageHref } from '../app/url.js'
import { useView } from '../app/view.js'
import { CardGrid } from '../components/CardGrid.js'
import { Link } from '../components/Link.js'
import { Loaded } from '../components/Loaded.js'
import { PageHeader } from '../components/PageHeader.js'
import { EmptyState } from '../components/States.js'
import { isEmpty, useMetricsPage } from '../hooks/useMetricsPage.js'
import { useI18n } from '../i18n/i18n.js'

/** One rep's metrics (/team/<rep-id>): every metric with a per-rep value, filtered to the rep. */
export function ScorecardPage(props: { repId: string }) {
  const { t } = useI18n()
  const { catalog, label } = useAppData()
  const { params } = useLocation()
  const view = useView()
  const metrics = catalog.metrics.filter((m) => m.groupings.includes('rep'))
  const state = useMetricsPage(
    metrics.map((m) => m.id),
    { baseBy: ['rep'] },
  )
  return (
    <>
      <PageHeader title={t('team.scorecardOf', { name: label('rep', props.repId) })}>
        <p>
          <Link href={pageHref('/team', params)}>← {t('team.back')}</Link>
        </p>
      </PageHeader>
      <Loaded state={state} skeletons={metrics.length} skeletonHeight={190}>
        {(data) => (
          <>
            {isEmpty(data.current) ? <EmptyState /> : null}
            {catalog.categories.map((c) => {
              const inCategory = metrics.filter((m) => m.category === c)
              if (inCategory.length === 0) return null
              return (
                <section key={c} className="card-section" aria-labelledby={`section-${c}`}>
                  <h2 id={`section-${c}`}>{t(`page.${c}`)}</h2>
                  <CardGrid metrics={inCategory} data={data} by={view.by} />
                </section>
              )
            })}
          </>
        )}
      </Loaded>
    </>
  )
}

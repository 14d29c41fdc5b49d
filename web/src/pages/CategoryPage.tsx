import type { ReactNode } from 'react'
import type { Category, MetricQuery, ResolvedPeriod, ResultRow } from '../api/types.js'
import { useAppData } from '../app/app-data.js'
import { useView, type View } from '../app/view.js'
import { CardGrid } from '../components/CardGrid.js'
import { Loaded } from '../components/Loaded.js'
import { PageHeader } from '../components/PageHeader.js'
import { EmptyState } from '../components/States.js'
import { TrendPanel } from '../components/TrendPanel.js'
import { isEmpty, useMetricsPage } from '../hooks/useMetricsPage.js'
import { useI18n } from '../i18n/i18n.js'

/** Every metric of a category as a card, and a trend; all from one batch request. */
export function CategoryPage(props: {
  category: Category
  /** More queries for the same batch (the team leaderboard) and what to draw from them. */
  extra?: (p: ResolvedPeriod, view: View) => MetricQuery[]
  renderExtra?: (rows: ResultRow[][]) => ReactNode
  /** Shown under the cards, loading on its own (the pipeline page's data-quality flags). */
  after?: ReactNode
}) {
  const { t } = useI18n()
  const { catalog } = useAppData()
  const view = useView()
  const metrics = catalog.metrics.filter((m) => m.category === props.category)
  const state = useMetricsPage(
    metrics.map((m) => m.id),
    { groupedTrend: true, extra: props.extra },
  )
  return (
    <>
      <PageHeader title={t(`page.${props.category}`)} />
      <Loaded state={state} skeletons={metrics.length} skeletonHeight={190}>
        {(data) => (
          <>
            {isEmpty(data.current) ? <EmptyState /> : null}
            <section aria-label={t('category.cards')}>
              <CardGrid metrics={metrics} data={data} by={view.by} />
            </section>
            {props.renderExtra?.(data.extra)}
            {props.after}
            <TrendPanel metrics={metrics} data={data} by={view.by} />
          </>
        )}
      </Loaded>
    </>
  )
}

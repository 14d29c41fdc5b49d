import { useEffect } from 'react'
import { useI18n } from '../i18n/i18n.js'
import { QualityPanel } from '../components/QualityPanel.js'
import { AuditPage } from '../pages/AuditPage.js'
import { CategoryPage } from '../pages/CategoryPage.js'
import { FunnelPage } from '../pages/FunnelPage.js'
import { ImportPage } from '../pages/ImportPage.js'
import { ReviewPage } from '../pages/ReviewPage.js'
import { HomePage } from '../pages/HomePage.js'
import { NotFoundPage } from '../pages/NotFoundPage.js'
import { ScorecardPage } from '../pages/ScorecardPage.js'
import { TeamPage } from '../pages/TeamPage.js'
import { useLocation } from './router.js'

/** The page of the path. */
export function Pages() {
  const { route } = useLocation()
  const { t } = useI18n()
  const title =
    route.page === 'scorecard'
      ? t('team.scorecard')
      : t(route.page === 'notFound' ? 'page.notFound' : `page.${route.page}`)
  useEffect(() => {
    document.title = `${title} · Miernik`
  }, [title])

  switch (route.page) {
    case 'home':
      return <HomePage />
    case 'pipeline':
      return <CategoryPage key="pipeline" category="pipeline" after={<QualityPanel />} />
    case 'revenue':
    case 'conversion':
    case 'customers':
      return <CategoryPage key={route.page} category={route.page} />
    case 'team':
      return <TeamPage />
    case 'scorecard':
      return <ScorecardPage key={route.repId} repId={route.repId} />
    case 'funnel':
      return <FunnelPage />
    case 'review':
      return <ReviewPage />
    case 'audit':
      return <AuditPage />
    case 'import':
      return <ImportPage />
    case 'notFound':
      return <NotFoundPage />
  }
}

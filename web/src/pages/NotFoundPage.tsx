import { useLocation } from '../app/router.js'
import { pageHref } from '../app/url.js'
import { Link } from '../components/Link.js'
import { useI18n } from '../i18n/i18n.js'

export function NotFoundPage() {
  const { t } = useI18n()
  const { params } = useLocation()
  return (
    <div className="state">
      <h1>{t('page.notFound')}</h1>
      <p>{t('page.notFoundHint')}</p>
      <p>
        <Link href={pageHref('/', params)}>{t('page.goHome')}</Link>
      </p>
    </div>
  )
}

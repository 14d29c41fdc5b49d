import { useLocation } from '../app/router.js'
import { pageHref, pagePath, pages } from '../app/url.js'
import { useI18n } from '../i18n/i18n.js'
import { Link } from './Link.js'

export function Nav() {
  const { t } = useI18n()
  const { route, params } = useLocation()
  const active = route.page === 'scorecard' ? 'team' : route.page
  return (
    <nav className="nav" aria-label={t('mainNav')}>
      <ul>
        {pages.map((page) => (
          <li key={page}>
            <Link
              href={pageHref(pagePath(page), params)}
              data-testid={`nav-${page}`}
              aria-current={active === page ? 'page' : undefined}
            >
              {t(`page.${page}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}

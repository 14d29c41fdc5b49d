import { useLocation } from '../app/router.js'
import { pageHref, pagePath, pages } from '../app/url.js'
import { useI18n } from '../i18n/i18n.js'
import { Link } from './Link.js'

/** The pages; `open` shows them on a narrow screen, where they fold into the menu. */
export function Nav(props: { id: string; open: boolean }) {
  const { t } = useI18n()
  const { route, params } = useLocation()
  const active = route.page === 'scorecard' ? 'team' : route.page
  return (
    <nav id={props.id} className={props.open ? 'nav open' : 'nav'} aria-label={t('mainNav')}>
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

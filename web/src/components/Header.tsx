import { useLocation } from '../app/router.js'
import { pageHref } from '../app/url.js'
import { useI18n } from '../i18n/i18n.js'
import { LangToggle } from './LangToggle.js'
import { Link } from './Link.js'
import { Nav } from './Nav.js'
import { Toolbar } from './Toolbar.js'

export function Header() {
  const { t } = useI18n()
  const { params } = useLocation()
  return (
    <header className="app-header">
      <div className="header-top">
        <Link href={pageHref('/', params)} className="brand">
          <span className="brand-name">{t('appName')}</span>
          <span className="brand-tagline">{t('tagline')}</span>
        </Link>
        <Nav />
        <LangToggle />
      </div>
      <Toolbar />
    </header>
  )
}

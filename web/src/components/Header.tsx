import { useEffect, useState } from 'react'
import { useLocation } from '../app/router.js'
import { pageHref } from '../app/url.js'
import { useI18n } from '../i18n/i18n.js'
import { LangToggle } from './LangToggle.js'
import { Link } from './Link.js'
import { Nav } from './Nav.js'
import { Toolbar } from './Toolbar.js'
import { UserMenu } from './UserMenu.js'

/**
 * Brand, pages, language and the view's toolbar. On a narrow screen the pages fold into a
 * menu (opened by a button, closed by choosing a page) so the first card shows at once.
 */
export function Header() {
  const { t } = useI18n()
  const { params, path } = useLocation()
  const [menuOpen, setMenuOpen] = useState(false)
  useEffect(() => setMenuOpen(false), [path])
  return (
    <header className="app-header">
      <div className={menuOpen ? 'header-top menu-open' : 'header-top'}>
        <Link href={pageHref('/', params)} className="brand">
          <span className="brand-name">{t('appName')}</span>
          <span className="brand-tagline">{t('tagline')}</span>
        </Link>
        <button
          type="button"
          className="menu-toggle"
          data-testid="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> {t('menu')}
        </button>
        <Nav id="main-nav" open={menuOpen} />
        <UserMenu />
        <LangToggle />
      </div>
      <Toolbar />
    </header>
  )
}

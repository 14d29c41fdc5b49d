import { useLocation } from '../app/router.js'
import { useSession } from '../app/session.js'
import { pageHref } from '../app/url.js'
import { Link } from './Link.js'
import { useI18n } from '../i18n/i18n.js'

/** The signed-in user, links to import (admins, managers) and the audit log (admins), sign-out; nothing when the server asks for no sign-in. */
export function UserMenu() {
  const { t } = useI18n()
  const session = useSession()
  const { params } = useLocation()
  if (!session) return null
  const { user } = session.me
  const admin = user.role === 'admin'
  const imports = admin || user.role === 'manager'
  const signedIn = session.me.via === 'session'
  if (!imports && !signedIn) return null
  return (
    <div className="user-menu" data-testid="user-menu">
      {signedIn ? <span title={user.role}>{user.name ?? user.email}</span> : null}
      {imports ? (
        <Link href={pageHref('/import', params)} data-testid="import-link">
          {t('import.link')}
        </Link>
      ) : null}
      {admin ? (
        <Link href={pageHref('/audit', params)} data-testid="audit-link">
          {t('page.audit')}
        </Link>
      ) : null}
      {signedIn ? (
        <button type="button" onClick={session.signOut} data-testid="sign-out">
          {t('signOut')}
        </button>
      ) : null}
    </div>
  )
}

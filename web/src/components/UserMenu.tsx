import { useSession } from '../app/session.js'
import { useI18n } from '../i18n/i18n.js'

/** The signed-in user and a sign-out button; nothing when the server asks for no sign-in. */
export function UserMenu() {
  const { t } = useI18n()
  const session = useSession()
  if (!session || session.me.via !== 'session') return null
  const { user } = session.me
  return (
    <div className="user-menu" data-testid="user-menu">
      <span title={user.role}>{user.name ?? user.email}</span>
      <button type="button" onClick={session.signOut} data-testid="sign-out">
        {t('signOut')}
      </button>
    </div>
  )
}

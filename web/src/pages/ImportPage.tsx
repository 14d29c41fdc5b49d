import { useSession } from '../app/session.js'
import { ImportPanel } from '../components/ImportPanel.js'
import { PageHeader } from '../components/PageHeader.js'
import { useI18n } from '../i18n/i18n.js'
import { NotFoundPage } from './NotFoundPage.js'

/** Import through the dashboard: admins anything, managers their team's records. */
export function ImportPage() {
  const { t } = useI18n()
  const role = useSession()?.me.user.role
  // A rep has no import: the page is not there for them (the server refuses anyway).
  if (role !== 'admin' && role !== 'manager') return <NotFoundPage />
  return (
    <>
      <PageHeader title={t('page.import')} period={false} />
      <ImportPanel />
    </>
  )
}

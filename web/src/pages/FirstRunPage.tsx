import { useSession } from '../app/session.js'
import { ImportPanel } from '../components/ImportPanel.js'
import { useI18n } from '../i18n/i18n.js'

/**
 * An empty database: what to load and how, instead of cards full of dashes (and, for who
 * may import, the upload form itself). The status poll
 * replaces this page with the dashboard as soon as the first import lands.
 */
export function FirstRunPage() {
  const { t } = useI18n()
  const role = useSession()?.me.user.role
  return (
    <>
      <section
        className="panel first-run-panel"
        data-testid="first-run"
        aria-labelledby="first-run"
      >
        <h1 id="first-run">{t('firstRun.title')}</h1>
        <p>{t('firstRun.intro')}</p>
        <ol>
          <li>
            {t('firstRun.export')}
            <pre>
              <code>miernik import opportunities hubspot-deals.csv --preset hubspot</code>
            </pre>
          </li>
          <li>
            {t('firstRun.native')}
            <pre>
              <code>miernik import opportunities opportunities.csv</code>
            </pre>
          </li>
          <li>
            {t('firstRun.demo')}
            <pre>
              <code>miernik demo</code>
            </pre>
          </li>
        </ol>
        <p className="muted" role="status">
          {t('firstRun.waiting')}
        </p>
      </section>
      {role === 'admin' || role === 'manager' ? <ImportPanel /> : null}
    </>
  )
}

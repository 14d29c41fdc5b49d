import { useState } from 'react'
import { api } from '../api/client.js'
import { Loaded } from '../components/Loaded.js'
import { PageHeader } from '../components/PageHeader.js'
import { ScrollArea } from '../components/ScrollArea.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/i18n.js'

const actions = [
  'sign_in',
  'sign_out',
  'user_add',
  'user_remove',
  'user_passwd',
  'token_add',
  'token_revoke',
  'setting_change',
  'target_set',
  'target_remove',
  'import',
] as const

/** The audit log for admins: who did what, when, and whether it worked (newest first). */
export function AuditPage() {
  const { t } = useI18n()
  const [action, setAction] = useState<string | null>(null)
  const state = useAsync(`audit:${action ?? ''}`, (signal) => api.audit(action, signal))
  return (
    <>
      <PageHeader title={t('page.audit')} period={false} />
      <section className="panel" aria-labelledby="audit-title">
        <div className="panel-head">
          <h2 id="audit-title">{t('audit.latest')}</h2>
          <label className="field-inline">
            {t('audit.action')}{' '}
            <select
              value={action ?? ''}
              onChange={(e) => setAction(e.target.value || null)}
              data-testid="audit-action"
            >
              <option value="">{t('audit.all')}</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        </div>
        <Loaded state={state} skeletons={1} skeletonHeight={200}>
          {(data) => (
            <ScrollArea label={t('page.audit')}>
              <table className="data-table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.when')}</th>
                    <th scope="col">{t('audit.who')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.target')}</th>
                    <th scope="col">{t('audit.result')}</th>
                    <th scope="col">{t('audit.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.map((e, i) => (
                    <tr
                      key={i}
                      data-testid="audit-entry"
                      className={e.ok ? undefined : 'row-failed'}
                    >
                      <td>{e.at.slice(0, 19)} UTC</td>
                      <td>{e.actor ?? '—'}</td>
                      <td>{e.action}</td>
                      <td>{e.target ?? '—'}</td>
                      <td>{e.ok ? t('audit.ok') : t('audit.failed')}</td>
                      <td>{e.detail ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollArea>
          )}
        </Loaded>
      </section>
    </>
  )
}

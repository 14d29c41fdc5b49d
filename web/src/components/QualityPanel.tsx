import { useState } from 'react'
import { api } from '../api/client.js'
import type { QualityResponse } from '../api/types.js'
import { useView } from '../app/view.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/i18n.js'
import { Dialog } from './Dialog.js'
import { ScrollArea } from './ScrollArea.js'

type Check = QualityResponse['checks'][number]

/**
 * The data-quality flags as counts (overdue close dates, stale deals, possible duplicates…,
 * what `miernik quality` reports), each opening the records behind it: the pipeline figures
 * are only as good as these.
 */
export function QualityPanel() {
  const { t, fmt, lang } = useI18n()
  const view = useView()
  const [open, setOpen] = useState<Check | null>(null)
  const state = useAsync(`quality:${view.asOf ?? ''}`, (signal) => api.quality(view.asOf, signal))
  if (state.status !== 'ok') return null
  const flagged = state.data.checks.filter((c) => c.count > 0)
  return (
    <section className="panel quality-panel" aria-labelledby="quality-title" data-testid="quality">
      <div className="panel-head">
        <h2 id="quality-title">{t('quality.title')}</h2>
      </div>
      {flagged.length === 0 ? (
        <p className="muted">{t('quality.none')}</p>
      ) : (
        <ul className="quality-list">
          {flagged.map((c) => (
            <li key={c.id} className={`quality-${c.severity}`}>
              <button
                type="button"
                className="link-button quality-count"
                data-testid={`quality-${c.id}`}
                data-count={c.count}
                onClick={() => setOpen(c)}
              >
                {fmt.number(c.count, 0)}
              </button>{' '}
              <span>{c.description[lang]}</span>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <Dialog
          title={open.description[lang]}
          titleId="quality-records-title"
          onClose={() => setOpen(null)}
          closeLabel={t('drill.close')}
          className="drilldown"
          testId="quality-records"
        >
          <p>
            {open.records.length < open.count
              ? t('quality.firstOf', { n: open.records.length, total: fmt.number(open.count, 0) })
              : t('drill.total', { n: fmt.number(open.count, 0) })}{' '}
            <code>miernik quality</code>
          </p>
          <ScrollArea label={open.description[lang]}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('quality.record')}</th>
                  <th scope="col">{t('quality.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {open.records.map((r) => (
                  <tr key={`${r.record_type}:${r.record_id}`} data-testid="quality-record">
                    <td>
                      {String(r.record_type)} {String(r.record_id)}
                    </td>
                    <td>{String(r.detail ?? '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </Dialog>
      ) : null}
    </section>
  )
}

import { useI18n } from '../i18n/i18n.js'
import type { Outcome } from './ImportPanel.js'
import { ImportErrors } from './ImportErrors.js'
import { Notes } from './ImportPreview.js'

/** What the import did, or why nothing was imported; the rejected rows as a download. */
export function ImportResult(props: { outcome: Outcome; onAnother: () => void }) {
  const { t, fmt } = useI18n()
  const { outcome } = props
  const r = outcome.report
  return (
    <div className="import-result" data-testid="import-result">
      {outcome.ok ? (
        <p role="status" className="import-done" data-testid="import-done">
          {t('import.done', {
            file: r.file,
            inserted: fmt.number(r.inserted),
            updated: fmt.number(r.updated),
            unchanged: fmt.number(r.unchanged),
          })}
          {r.rejected > 0 ? ` ${t('import.leftOut', { n: fmt.number(r.rejected) })}` : ''}
        </p>
      ) : (
        <p role="alert" className="state-error" data-testid="import-refused">
          {t('import.refused', { message: outcome.message })}
        </p>
      )}
      {!outcome.ok && r.errors.length > 0 ? (
        <ImportErrors errors={r.errors} total={r.rejected} />
      ) : null}
      {outcome.ok ? <Notes report={r} /> : null}
      {r.rejectsUrl ? (
        <p>
          <a href={r.rejectsUrl} download data-testid="import-rejects">
            {t('import.rejects', { n: fmt.number(r.rejected) })}
          </a>
        </p>
      ) : null}
      <button type="button" onClick={props.onAnother} data-testid="import-another">
        {t('import.another')}
      </button>
    </div>
  )
}

import type { ImportReport, Inspection } from '../api/client.js'
import type { MessageKey } from '../i18n/en.js'
import { useI18n } from '../i18n/i18n.js'
import { ImportErrors } from './ImportErrors.js'
import { ScrollArea } from './ScrollArea.js'

/**
 * What the server read from the upload, before anything is written: the layout, what each
 * column becomes, the first rows as they would be stored, the rows that would be rejected
 * and why, and what importing would change.
 */
export function ImportPreview(props: {
  preview: { inspection: Inspection; check: ImportReport }
  dateFormat: string
  onDateFormat: (format: string) => void
  skipInvalid: boolean
  onSkipInvalid: (skip: boolean) => void
  busy: boolean
  onImport: () => void
  onCancel: () => void
}) {
  const { t, fmt } = useI18n()
  const { inspection, check } = props.preview
  const n = (x: number) => fmt.number(x)
  const source = sourceName(check.source, t)
  const ambiguous = inspection.slashedDates.filter((d) => d.fits.length !== 1)
  const keys = Object.keys(inspection.sample[0] ?? {})
  const blocked = check.rejected > 0 && !props.skipInvalid
  return (
    <div className="import-preview" data-testid="import-preview">
      <p data-testid="import-read-as">
        {t('import.readAs', {
          file: inspection.file,
          rows: n(inspection.rows),
          format: inspection.format.toUpperCase(),
          source,
        })}
      </p>
      <p data-testid="import-would">
        {t('import.wouldDo', {
          inserted: n(check.inserted),
          updated: n(check.updated),
          unchanged: n(check.unchanged),
        })}{' '}
        {check.rejected > 0
          ? t('import.rejectedN', { n: n(check.rejected) })
          : t('import.allValid')}
      </p>
      {ambiguous.length > 0 || props.dateFormat ? (
        <label className="field">
          <span>
            {ambiguous[0]
              ? t('import.dateAmbiguous', {
                  column: ambiguous[0].column,
                  example: ambiguous[0].example,
                })
              : t('import.dateFormat')}
          </span>
          <select
            value={props.dateFormat}
            onChange={(e) => props.onDateFormat(e.target.value)}
            data-testid="import-date-format"
          >
            <option value="">—</option>
            <option value="DD/MM/YYYY">{t('import.dayFirst')}</option>
            <option value="MM/DD/YYYY">{t('import.monthFirst')}</option>
          </select>
        </label>
      ) : null}
      {check.errors.length > 0 ? (
        <ImportErrors errors={check.errors} total={check.rejected} />
      ) : null}
      <Notes report={check} />
      <details className="import-columns">
        <summary>{t('import.columns', { n: inspection.columns.length })}</summary>
        <ScrollArea label={t('import.columns', { n: inspection.columns.length })}>
          <table className="data-table" data-testid="import-columns">
            <thead>
              <tr>
                <th scope="col">{t('import.fileColumn')}</th>
                <th scope="col">{t('import.becomes')}</th>
              </tr>
            </thead>
            <tbody>
              {inspection.columns.map((c) => (
                <tr key={c.column}>
                  <td>{c.column}</td>
                  <td>{c.becomes.length ? c.becomes.join(', ') : t('import.ignored')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </details>
      {keys.length > 0 ? (
        <details className="import-sample">
          <summary>{t('import.sample', { n: inspection.sample.length })}</summary>
          <ScrollArea label={t('import.sample', { n: inspection.sample.length })}>
            <table className="data-table" data-testid="import-sample">
              <thead>
                <tr>
                  {keys.map((k) => (
                    <th scope="col" key={k}>
                      {k}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {inspection.sample.map((row, i) => (
                  <tr key={i}>
                    {keys.map((k) => (
                      <td key={k}>{row[k] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </details>
      ) : null}
      {check.rejected > 0 ? (
        <label className="check">
          <input
            type="checkbox"
            checked={props.skipInvalid}
            onChange={(e) => props.onSkipInvalid(e.target.checked)}
            data-testid="import-skip-invalid"
          />{' '}
          {t('import.skipInvalid', { n: n(check.rejected) })}
        </label>
      ) : null}
      <div className="import-actions">
        <button
          type="button"
          className="primary"
          onClick={props.onImport}
          disabled={props.busy || blocked || check.rows === 0}
          data-testid="import-run"
        >
          {t(props.busy ? 'import.importing' : 'import.run', { n: n(check.rows - check.rejected) })}
        </button>
        <button type="button" onClick={props.onCancel} disabled={props.busy}>
          {t('import.cancel')}
        </button>
      </div>
      {blocked ? <p className="muted">{t('import.allOrNothing')}</p> : null}
    </div>
  )
}

/** What else an import says: rows left out on purpose, records created, unknown references. */
export function Notes(props: { report: ImportReport }) {
  const { t, fmt } = useI18n()
  const r = props.report
  const notes = [
    ...r.skipped.map((s) => `${fmt.number(s.rows)}: ${s.why}`),
    ...(r.createdReps ? [t('import.createdReps', { n: fmt.number(r.createdReps) })] : []),
    ...(r.createdAccounts
      ? [t('import.createdAccounts', { n: fmt.number(r.createdAccounts) })]
      : []),
    ...(r.ignoredColumns.length
      ? [t('import.ignoredColumns', { columns: r.ignoredColumns.join(', ') })]
      : []),
    ...r.references.map((x) =>
      t('import.unknownReference', {
        n: fmt.number(x.rows),
        column: x.column,
        entity: x.entity,
        examples: x.examples.join(', '),
      }),
    ),
    ...r.warnings,
  ]
  if (notes.length === 0) return null
  return (
    <ul className="import-notes" data-testid="import-notes">
      {notes.map((note, i) => (
        <li key={i}>{note}</li>
      ))}
    </ul>
  )
}

export function sourceName(source: string, t: (key: MessageKey) => string): string {
  if (source === 'native') return t('import.native')
  const key = `preset.${source}` as MessageKey
  return ['hubspot', 'pipedrive', 'salesforce', 'capsule'].includes(source) ? t(key) : source
}

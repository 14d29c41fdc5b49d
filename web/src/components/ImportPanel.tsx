import { useEffect, useState, type FormEvent } from 'react'
import {
  api,
  ApiError,
  type ImportOptions,
  type ImportReport,
  type Inspection,
} from '../api/client.js'
import { entityNames } from '../../../src/model/entities.js'
import { repOwnedEntities } from '../../../src/model/rep-owned.js'
import { useSession } from '../app/session.js'
import { useI18n } from '../i18n/i18n.js'
import type { MessageKey } from '../i18n/en.js'
import { ImportPreview } from './ImportPreview.js'
import { ImportResult } from './ImportResult.js'

/** A manager imports their team's records only (the server holds them to it). */
const managerEntities = new Set<string>(repOwnedEntities)
export const presets = ['hubspot', 'pipedrive', 'salesforce', 'capsule'] as const

type Uploaded = { id: string; name: string }
type Preview = { inspection: Inspection; check: ImportReport }
export type Outcome =
  { ok: true; report: ImportReport } | { ok: false; message: string; report: ImportReport }

/**
 * Import through the dashboard: choose what the file holds and where it comes from, upload
 * it, see how it is read and what it would change (nothing written yet), then import it
 * whole, or its valid rows only, and download the rejects. The server validates as the CLI
 * does; a manager's file is held to their team there, not here.
 */
export function ImportPanel() {
  const { t } = useI18n()
  const session = useSession()
  const manager = session?.me.user.role === 'manager'
  const [entity, setEntity] = useState<string>('opportunities')
  const [preset, setPreset] = useState('')
  const [dateFormat, setDateFormat] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [uploaded, setUploaded] = useState<Uploaded | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [busy, setBusy] = useState<'upload' | 'preview' | 'import' | null>(null)
  const [error, setError] = useState<string | null>(null)

  const options: ImportOptions = {
    entity,
    ...(preset ? { preset } : {}),
    ...(dateFormat ? { dateFormat } : {}),
  }
  const optionsKey = JSON.stringify(options)

  // A new choice of what the file holds or how to read it: the preview is read again.
  useEffect(() => {
    if (!uploaded) return
    let live = true
    setBusy('preview')
    setError(null)
    setPreview(null)
    setOutcome(null)
    api
      .previewImport(uploaded.id, JSON.parse(optionsKey) as ImportOptions)
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && setError(messageOf(e, t)))
      .finally(() => live && setBusy(null))
    return () => {
      live = false
    }
    // Not on t: a change of language does not read the file again.
  }, [uploaded, optionsKey])

  const send = async (e: FormEvent) => {
    e.preventDefault()
    if (!file) return
    setBusy('upload')
    setError(null)
    setOutcome(null)
    try {
      setUploaded(await api.upload(file))
    } catch (err) {
      setError(messageOf(err, t))
      setBusy(null)
    }
  }
  const run = async () => {
    if (!uploaded) return
    setBusy('import')
    setError(null)
    try {
      const { report } = await api.runImport(uploaded.id, { ...options, skipInvalid })
      setOutcome({ ok: true, report })
    } catch (err) {
      const report =
        (err instanceof ApiError && err.status === 422
          ? (err.body as { report?: ImportReport }).report
          : undefined) ?? null
      if (report) setOutcome({ ok: false, message: (err as Error).message, report })
      else setError(messageOf(err, t))
    } finally {
      setBusy(null)
    }
  }
  const reset = () => {
    setFile(null)
    setUploaded(null)
    setPreview(null)
    setOutcome(null)
    setSkipInvalid(false)
    setError(null)
  }

  // In the order a company loads them (reps before their deals).
  const choices = entityNames.filter((x) => !manager || managerEntities.has(x))
  return (
    <section
      className="panel import-panel"
      aria-labelledby="import-title"
      data-testid="import-panel"
    >
      <h2 id="import-title">{t('import.title')}</h2>
      <p className="muted">{t(manager ? 'import.introManager' : 'import.intro')}</p>
      <form className="import-form" onSubmit={send}>
        <label className="field">
          <span>{t('import.entity')}</span>
          <select
            value={entity}
            onChange={(e) => setEntity(e.target.value)}
            data-testid="import-entity"
          >
            {choices.map((x) => (
              <option key={x} value={x}>
                {t(`entity.${x}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('import.preset')}</span>
          <select
            value={preset}
            onChange={(e) => setPreset(e.target.value)}
            data-testid="import-preset"
          >
            <option value="">{t('import.native')}</option>
            {presets.map((p) => (
              <option key={p} value={p}>
                {t(`preset.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('import.file')}</span>
          <input
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,.json,.jsonl,.ndjson"
            onChange={(e) => {
              reset()
              setFile(e.target.files?.[0] ?? null)
            }}
            data-testid="import-file"
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={!file || busy !== null || uploaded !== null}
          data-testid="import-upload"
        >
          {t('import.upload')}
        </button>
      </form>
      {busy === 'upload' || busy === 'preview' ? (
        <p role="status" className="muted">
          {t('import.reading')}
        </p>
      ) : null}
      {error ? (
        <p className="state-error" role="alert" data-testid="import-error">
          {error}
        </p>
      ) : null}
      {preview && !outcome ? (
        <ImportPreview
          preview={preview}
          dateFormat={dateFormat}
          onDateFormat={setDateFormat}
          skipInvalid={skipInvalid}
          onSkipInvalid={setSkipInvalid}
          busy={busy === 'import'}
          onImport={run}
          onCancel={reset}
        />
      ) : null}
      {outcome ? <ImportResult outcome={outcome} onAnother={reset} /> : null}
    </section>
  )
}

function messageOf(e: unknown, t: (key: MessageKey) => string): string {
  if (e instanceof ApiError && e.status !== 0) return e.message
  return t('signIn.failed')
}

import { useState } from 'react'
import { api, type ApiError } from '../api/client.js'
import { useAppData } from '../app/app-data.js'
import { useI18n } from '../i18n/i18n.js'
import { Dialog } from './Dialog.js'

/** Picks the home page's tracked metrics (PUT /api/settings/tracked_metrics). */
export function CustomiseDialog(props: { onClose: () => void }) {
  const { t, metricName } = useI18n()
  const { catalog, settings, setSettings } = useAppData()
  const [selected, setSelected] = useState<string[]>(settings.tracked_metrics)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const toggle = (id: string, on: boolean) =>
    setSelected(on ? [...selected, id] : selected.filter((s) => s !== id))
  const save = async () => {
    setSaving(true)
    setError(null)
    try {
      setSettings(await api.putTrackedMetrics(selected))
      props.onClose()
    } catch (e) {
      setError((e as ApiError).message)
      setSaving(false)
    }
  }

  return (
    <Dialog
      title={t('customise.title')}
      titleId="customise-title"
      onClose={props.onClose}
      closeLabel={t('customise.cancel')}
      testId="customise-dialog"
    >
      <p>{t('customise.hint')}</p>
      <div className="customise-groups">
        {catalog.categories.map((c) => (
          <fieldset key={c}>
            <legend>{t(`page.${c}`)}</legend>
            {catalog.metrics
              .filter((m) => m.category === c)
              .map((m) => (
                <label key={m.id} className="check">
                  <input
                    type="checkbox"
                    checked={selected.includes(m.id)}
                    onChange={(e) => toggle(m.id, e.target.checked)}
                  />
                  {metricName(m, m.id)}
                  {catalog.starter.includes(m.id) ? (
                    <span className="badge">{t('customise.starterBadge')}</span>
                  ) : null}
                </label>
              ))}
          </fieldset>
        ))}
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="link-button" onClick={() => setSelected(catalog.starter)}>
          {t('customise.starter')}
        </button>
        <span className="spacer" />
        <button type="button" onClick={props.onClose}>
          {t('customise.cancel')}
        </button>
        <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
          {saving ? t('customise.saving') : t('customise.save')}
        </button>
      </div>
    </Dialog>
  )
}

import { useState, type FormEvent } from 'react'
import { useI18n } from '../i18n/i18n.js'
import { Field } from './Field.js'

/** Two dates and Apply; remount it (key) when the URL's range changes. */
export function CustomRange(props: {
  from: string
  to: string
  onApply: (from: string, to: string) => void
}) {
  const { t } = useI18n()
  const [from, setFrom] = useState(props.from)
  const [to, setTo] = useState(props.to)
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (from && to && from <= to) props.onApply(from, to)
  }
  return (
    <form className="period-custom" onSubmit={onSubmit}>
      <Field label={t('period.from')}>
        <input
          type="date"
          value={from}
          max={to}
          onChange={(e) => setFrom(e.target.value)}
          required
        />
      </Field>
      <Field label={t('period.to')}>
        <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} required />
      </Field>
      <button type="submit">{t('period.apply')}</button>
    </form>
  )
}

import { useEffect, useRef, useState } from 'react'
import { api } from '../api/client.js'
import type { FilterDim } from '../api/types.js'
import { useAppData } from '../app/app-data.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/i18n.js'

/** A multi-select of one dimension's values (checkboxes in a disclosure); values load on open. */
export function FilterSelect(props: {
  dim: FilterDim
  selected: string[]
  disabled?: boolean
  onChange: (values: string[]) => void
}) {
  const { t } = useI18n()
  const { label } = useAppData()
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDetailsElement>(null)
  const values = useAsync(open ? props.dim : null, (signal) => api.dimension(props.dim, signal))

  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])

  const { selected } = props
  const summary =
    selected.length === 0
      ? t('filters.all')
      : selected.length === 1
        ? label(props.dim, selected[0] ?? null)
        : String(selected.length)
  const toggle = (value: string, on: boolean) =>
    props.onChange(on ? [...selected, value] : selected.filter((v) => v !== value))

  return (
    <details
      ref={ref}
      className={`filter${selected.length > 0 ? ' filter-active' : ''}`}
      data-testid={`filter-${props.dim}`}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false)
          ref.current?.querySelector('summary')?.focus()
        }
      }}
    >
      <summary aria-disabled={props.disabled}>
        {t(`dim.${props.dim}`)}: <strong>{summary}</strong>
      </summary>
      <div className="filter-menu" role="group" aria-label={t(`dim.${props.dim}`)}>
        {values.status === 'loading' ? <p>{t('filters.loading')}</p> : null}
        {values.status === 'error' ? <p className="error-text">{values.error.message}</p> : null}
        {values.status === 'ok' && values.data.values.length === 0 ? (
          <p>{t('filters.none')}</p>
        ) : null}
        {values.status === 'ok'
          ? values.data.values.map((v) => (
              <label key={v.value} className="check">
                <input
                  type="checkbox"
                  checked={selected.includes(v.value)}
                  disabled={props.disabled}
                  onChange={(e) => toggle(v.value, e.target.checked)}
                />
                {v.label}
              </label>
            ))
          : null}
      </div>
    </details>
  )
}

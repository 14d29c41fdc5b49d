import type { ApiError } from '../api/client.js'
import { useI18n } from '../i18n/i18n.js'

export function Skeleton(props: { count?: number; height?: number; label?: string }) {
  const { t } = useI18n()
  return (
    <div
      className="skeletons"
      role="status"
      aria-live="polite"
      aria-label={props.label ?? t('state.loading')}
    >
      {Array.from({ length: props.count ?? 1 }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: props.height ?? 160 }} />
      ))}
    </div>
  )
}

/** A small "loading" note over data being replaced. */
export function Spinner() {
  const { t } = useI18n()
  return (
    <p className="spinner" role="status">
      {t('state.loading')}
    </p>
  )
}

export function EmptyState(props: { message?: string }) {
  const { t } = useI18n()
  return (
    <div className="state state-empty" role="status">
      <p className="state-title">{props.message ?? t('state.empty')}</p>
      <p>{t('state.emptyHint')}</p>
    </div>
  )
}

/** What went wrong, in the API's words, and what to do about it. */
export function ErrorState(props: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n()
  const { error } = props
  const unreachable = error.status === 0 || error.status >= 500 || error.code === 'BAD_RESPONSE'
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{t('state.error')}</p>
      <p>
        {error.message}
        {error.code && error.status > 0 ? <code className="error-code"> {error.code}</code> : null}
      </p>
      <p>{unreachable ? t('state.errorServer') : t('state.errorFilters')}</p>
      {props.onRetry ? (
        <button type="button" onClick={props.onRetry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  )
}

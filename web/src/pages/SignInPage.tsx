import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client.js'
import { LangToggle } from '../components/LangToggle.js'
import { useI18n } from '../i18n/i18n.js'

/**
 * E-mail and password; wrong ones are said plainly, a locked account or too many attempts
 * with the server's own words (how long to wait). A signed-in session is a cookie the page
 * never sees (HttpOnly).
 */
export function SignInPage(props: { onSignedIn: () => void }) {
  const { t } = useI18n()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.login(email, password)
      props.onSignedIn()
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0
      setError(
        status === 401
          ? t('signIn.wrong')
          : status === 429
            ? t('signIn.wait', { message: (err as ApiError).message })
            : t('signIn.failed'),
      )
      setPassword('')
    } finally {
      setBusy(false)
    }
  }
  return (
    <main id="main" className="main sign-in" tabIndex={-1}>
      <div className="sign-in-top">
        <span className="brand-name">Miernik</span>
        <LangToggle />
      </div>
      <form className="panel sign-in-panel" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <label className="field">
          <span>{t('signIn.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="sign-in-email"
          />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="sign-in-password"
          />
        </label>
        {error ? (
          <p className="state-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </button>
        <p className="muted">{t('signIn.help')}</p>
      </form>
    </main>
  )
}

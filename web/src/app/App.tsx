import { useEffect, useMemo, useState } from 'react'
import { api } from '../api/client.js'
import type { Settings } from '../api/types.js'
import { DemoBanner } from '../components/DemoBanner.js'
import { DrilldownPanel } from '../components/DrilldownPanel.js'
import { Header } from '../components/Header.js'
import { ErrorState, Skeleton } from '../components/States.js'
import { FirstRunPage } from '../pages/FirstRunPage.js'
import { SignInPage } from '../pages/SignInPage.js'
import { useAsync, type Async } from '../hooks/useAsync.js'
import { useStatus } from '../hooks/useStatus.js'
import { detectLang, I18nProvider } from '../i18n/i18n.js'
import { AppDataContext, type AppData } from './app-data.js'
import { DataVersionContext } from './data-version.js'
import { Pages } from './Pages.js'
import { SessionContext } from './session.js'
import { useLocation } from './router.js'

export function App() {
  const { params } = useLocation()
  const lang = detectLang(params.get('lang'))
  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  // Who is signed in first: everything else is theirs to see (a rep's rep list is their own).
  const me = useAsync('me', (signal) => api.me(signal))
  const signedOut = me.status === 'error' && me.error.status === 401
  const who = me.status === 'ok' ? me.data.user.email : null
  // The catalogue is the program's; settings and rep names are data, loaded again (the last
  // ones shown meanwhile) whenever the data version the status poll sees moves.
  const boot = useAsync(who && `boot:${who}`, (signal) =>
    Promise.all([api.catalog(signal), api.status(signal)]),
  )
  const status = useStatus(boot.status === 'ok' ? boot.data[1] : null, me.reload)
  const version = status?.data_version ?? null
  const loadedSettings = useAsync(version && `settings:${version}:${who}`, (signal) =>
    api.settings(signal),
  )
  // Rep names for labels; without them the ids are shown.
  const reps = useAsync(version && `reps:${version}:${who}`, (signal) =>
    api.dimension('rep', signal).catch(() => ({ values: [] })),
  )
  const session = useMemo(
    () =>
      me.status === 'ok'
        ? {
            me: me.data,
            signOut: () => {
              void api.logout().finally(me.reload)
            },
          }
        : null,
    [me],
  )
  // Settings saved here show at once; the next data version brings them from the server.
  const [saved, setSettings] = useState<Settings | null>(null)
  useEffect(() => setSettings(null), [version])
  const settingsNow = latest(loadedSettings)
  const repValues = latest(reps)?.values ?? []

  const data = useMemo((): AppData | null => {
    if (boot.status !== 'ok' || !settingsNow) return null
    const [catalog] = boot.data
    const settings = settingsNow
    const none = lang === 'pl' ? '(brak)' : '(none)'
    const byId = new Map(catalog.metrics.map((m) => [m.id, m]))
    const repNames = new Map(repValues.map((v) => [v.value, v.label]))
    return {
      catalog,
      settings: saved ?? settings,
      setSettings,
      metric: (id) => byId.get(id),
      label: (dim, value) =>
        value === null ? none : dim === 'rep' ? (repNames.get(value) ?? value) : value,
    }
  }, [boot, settingsNow, repValues, saved, lang])

  if (signedOut) {
    return (
      <I18nProvider lang={lang} currency="USD">
        <SignInPage onSignedIn={me.reload} />
      </I18nProvider>
    )
  }
  const failed =
    me.status === 'error'
      ? me
      : boot.status === 'error'
        ? boot
        : loadedSettings.status === 'error'
          ? loadedSettings
          : null
  if (!data || !status) {
    return (
      <I18nProvider lang={lang} currency="USD">
        <main className="boot">
          <h1 className="brand-name">Miernik</h1>
          {failed?.status === 'error' ? (
            <ErrorState error={failed.error} onRetry={failed.reload} />
          ) : (
            <Skeleton count={3} height={120} />
          )}
        </main>
      </I18nProvider>
    )
  }
  return (
    <SessionContext.Provider value={session}>
      <DataVersionContext.Provider value={status.data_version}>
        <AppDataContext.Provider value={data}>
          <I18nProvider lang={lang} currency={data.settings.base_currency}>
            <a className="skip-link" href="#main">
              {lang === 'pl' ? 'Przejdź do treści' : 'Skip to content'}
            </a>
            {status.has_data ? (
              <>
                <Header />
                {status.demo ? <DemoBanner demo={status.demo} /> : null}
                <main id="main" className="main" tabIndex={-1}>
                  <Pages />
                </main>
                <DrilldownPanel />
              </>
            ) : (
              <main id="main" className="main first-run" tabIndex={-1}>
                <FirstRunPage />
              </main>
            )}
          </I18nProvider>
        </AppDataContext.Provider>
      </DataVersionContext.Provider>
    </SessionContext.Provider>
  )
}

/** The data loaded, or while the next load runs the last one. */
function latest<T>(a: Async<T>): T | null {
  return a.status === 'ok' ? a.data : a.status === 'loading' ? (a.stale ?? null) : null
}

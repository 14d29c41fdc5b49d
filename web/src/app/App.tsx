import { useEffect, useMemo, useState } from 'react'
import { api } from '../api/client.js'
import type { Settings } from '../api/types.js'
import { DrilldownPanel } from '../components/DrilldownPanel.js'
import { Header } from '../components/Header.js'
import { ErrorState, Skeleton } from '../components/States.js'
import { useAsync } from '../hooks/useAsync.js'
import { detectLang, I18nProvider } from '../i18n/i18n.js'
import { AppDataContext, type AppData } from './app-data.js'
import { Pages } from './Pages.js'
import { useLocation } from './router.js'

export function App() {
  const { params } = useLocation()
  const lang = detectLang(params.get('lang'))
  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  const boot = useAsync('boot', (signal) =>
    Promise.all([api.catalog(signal), api.settings(signal)]),
  )
  // Rep names for labels; without them the ids are shown.
  const reps = useAsync('reps', (signal) =>
    api.dimension('rep', signal).catch(() => ({ values: [] })),
  )
  const [saved, setSettings] = useState<Settings | null>(null)

  const data = useMemo((): AppData | null => {
    if (boot.status !== 'ok') return null
    const [catalog, settings] = boot.data
    const none = lang === 'pl' ? '(brak)' : '(none)'
    const byId = new Map(catalog.metrics.map((m) => [m.id, m]))
    const repNames = new Map(
      reps.status === 'ok' ? reps.data.values.map((v) => [v.value, v.label]) : [],
    )
    return {
      catalog,
      settings: saved ?? settings,
      setSettings,
      metric: (id) => byId.get(id),
      label: (dim, value) =>
        value === null ? none : dim === 'rep' ? (repNames.get(value) ?? value) : value,
    }
  }, [boot, reps, saved, lang])

  if (!data) {
    return (
      <I18nProvider lang={lang} currency="USD">
        <main className="boot">
          <h1 className="brand-name">Miernik</h1>
          {boot.status === 'error' ? (
            <ErrorState error={boot.error} onRetry={boot.reload} />
          ) : (
            <Skeleton count={3} height={120} />
          )}
        </main>
      </I18nProvider>
    )
  }
  return (
    <AppDataContext.Provider value={data}>
      <I18nProvider lang={lang} currency={data.settings.base_currency}>
        <a className="skip-link" href="#main">
          {lang === 'pl' ? 'Przejdź do treści' : 'Skip to content'}
        </a>
        <Header />
        <main id="main" className="main" tabIndex={-1}>
          <Pages />
        </main>
        <DrilldownPanel />
      </I18nProvider>
    </AppDataContext.Provider>
  )
}

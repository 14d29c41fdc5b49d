import { useLocation } from '../app/router.js'
import { saveLang, useI18n } from '../i18n/i18n.js'

/** Switches Polish / English: saved in localStorage and in the URL's `lang`. */
export function LangToggle() {
  const { t, lang } = useI18n()
  const { update } = useLocation()
  const next = lang === 'pl' ? 'en' : 'pl'
  return (
    <button
      type="button"
      className="lang-toggle"
      data-testid="lang-toggle"
      data-lang={lang}
      lang={next}
      onClick={() => {
        saveLang(next)
        update({ lang: next }, { replace: true })
      }}
    >
      <span aria-hidden="true">{lang === 'pl' ? 'PL' : 'EN'} → </span>
      {t('lang.switchTo')}
      {/* The name starts with what is seen (a voice user says "Polski"), then explains. */}
      <span className="sr-only"> ({t('lang.switchLabel')})</span>
    </button>
  )
}

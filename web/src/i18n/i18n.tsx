import { reasonText } from '../../../src/format/reason-words.js'
import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { Lang, MetricInfo } from '../api/types.js'
import { en, type MessageKey } from './en.js'
import { makeFormatter, type Formatter } from './format.js'
import { pl } from './pl.js'

const dictionaries = { en, pl }
const storageKey = 'miernik.lang'

/** The language: the URL's `lang`, else the one saved, else the browser's (pl* is Polish). */
export function detectLang(urlLang: string | null): Lang {
  if (urlLang === 'en' || urlLang === 'pl') return urlLang
  try {
    const saved = localStorage.getItem(storageKey)
    if (saved === 'en' || saved === 'pl') return saved
  } catch {
    // storage disabled: fall through to the browser's language
  }
  return navigator.language.toLowerCase().startsWith('pl') ? 'pl' : 'en'
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(storageKey, lang)
  } catch {
    // not persisted; the URL still carries it
  }
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

export interface I18n {
  lang: Lang
  t: Translate
  fmt: Formatter
  metricName: (m: MetricInfo | undefined, fallback?: string) => string
  /** A metric's help text and formula template ({numerator}, {denominator}) in the language. */
  metricHelp: (m: MetricInfo) => string
  metricFormula: (m: MetricInfo) => string
  reason: (reason: string | undefined) => string
  /** A dimension's name ("Team", "Zespół"); unknown ones as they are. */
  dim: (name: string) => string
  /** A drill-down column's heading ("Owner", "Właściciel"); unknown ones as they are. */
  column: (name: string) => string
  /** A coded value in words ("won" → "Wygrana"; the default pipeline); others as they are. */
  valueWord: (column: string, value: string) => string
}

const I18nContext = createContext<I18n | null>(null)

export function makeI18n(lang: Lang, currency: string): I18n {
  const dict = dictionaries[lang]
  const t: Translate = (key, vars) =>
    dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`))
  return {
    lang,
    t,
    fmt: makeFormatter(lang, currency),
    metricName: (m, fallback = '') => m?.names[lang] ?? fallback,
    metricHelp: (m) => (lang === 'pl' ? m.help_pl : m.help),
    metricFormula: (m) => (lang === 'pl' ? m.formula_pl : m.formula),
    column: (name) => {
      const key = `col.${name}` as MessageKey
      return key in dict ? dict[key] : name
    },
    dim: (name) => {
      const key = `dim.${name}` as MessageKey
      return key in dict ? dict[key] : name
    },
    valueWord: (column, value) => {
      const key = `value.${column}.${value}` as MessageKey
      return key in dict ? dict[key] : value
    },
    // The same words as the CLI's (one list, src/format/reason-words.ts).
    reason: (reason) => (reason ? reasonText(reason, lang) : ''),
  }
}

export function I18nProvider(props: { lang: Lang; currency: string; children: ReactNode }) {
  const value = useMemo(() => makeI18n(props.lang, props.currency), [props.lang, props.currency])
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside I18nProvider')
  return value
}

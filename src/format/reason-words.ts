// Why a result has no value, and what its excluded records are, in words: the reason codes
// of result rows (`reason`, `excluded_reason`) as the CLI and the dashboard say them.
// No dependency, so the web bundle can import it.
import type { Lang } from '../contracts/vocabulary.js'

/**
 * Every reason code the engine gives (src/metrics: the catalogue's shapes and
 * `excludes`, evaluate-rows.ts and slicing.ts); test/cli/reason-words.test.ts fails when a
 * code there is missing here.
 */
export const reasonCodes = [
  // Nothing to compute from.
  'no_data',
  'no_stage_data',
  'no_leads',
  'no_opportunities',
  'no_closed_deals',
  'no_won_deals',
  'no_amount',
  'no_quota',
  'no_forecast',
  'no_subscriptions',
  'no_customers',
  'no_new_customers',
  'no_churn_data',
  'no_cycle_data',
  'no_active_reps',
  'no_time_logged',
  'no_finished_visits',
  // A divisor of zero.
  'zero_base',
  'zero_churn',
  'zero_cycle',
  'quota_met',
  'last_stage',
  // The period or the slice.
  'not_started',
  'period_running',
  'unsupported_grouping',
  'unsupported_filter',
  // Records left out (excluded_reason).
  'negative_cycle',
] as const
export type ReasonCode = (typeof reasonCodes)[number]

export const reasonWords: Record<Lang, Record<ReasonCode, string>> = {
  en: {
    no_data: 'no data',
    no_stage_data: 'no stage history',
    no_leads: 'no leads',
    no_opportunities: 'no opportunities',
    no_closed_deals: 'no closed deals',
    no_won_deals: 'no deals won',
    no_amount: 'deals without an amount',
    no_quota: 'no quota',
    no_forecast: 'no forecast',
    no_subscriptions: 'no subscriptions',
    no_customers: 'no customers',
    no_new_customers: 'no new customers',
    no_churn_data: 'no churn data',
    no_cycle_data: 'no usable sales cycles',
    no_active_reps: 'no active reps',
    no_time_logged: 'no time logged',
    no_finished_visits: 'no finished stage visits',
    zero_base: 'nothing to measure against (zero base)',
    zero_churn: 'no churn: lifetime unbounded',
    zero_cycle: 'every deal won the day it was created',
    quota_met: 'quota already met',
    last_stage: 'last stage',
    not_started: 'not started yet',
    period_running: 'known when the period ends',
    unsupported_grouping: 'not available for this grouping',
    unsupported_filter: 'not available with these filters',
    negative_cycle: 'deals closed before they were created',
  },
  pl: {
    no_data: 'brak danych',
    no_stage_data: 'brak historii etapów',
    no_leads: 'brak leadów',
    no_opportunities: 'brak szans sprzedaży',
    no_closed_deals: 'brak zamkniętych transakcji',
    no_won_deals: 'brak wygranych transakcji',
    no_amount: 'transakcje bez kwoty',
    no_quota: 'brak planu sprzedaży',
    no_forecast: 'brak prognozy',
    no_subscriptions: 'brak subskrypcji',
    no_customers: 'brak klientów',
    no_new_customers: 'brak nowych klientów',
    no_churn_data: 'brak danych o rezygnacjach',
    no_cycle_data: 'brak poprawnych cykli sprzedaży',
    no_active_reps: 'brak aktywnych handlowców',
    no_time_logged: 'brak zarejestrowanego czasu',
    no_finished_visits: 'brak zakończonych etapów',
    zero_base: 'brak podstawy do porównania (zero)',
    zero_churn: 'brak rezygnacji: czas życia nieograniczony',
    zero_cycle: 'każda transakcja wygrana w dniu utworzenia',
    quota_met: 'plan już zrealizowany',
    last_stage: 'ostatni etap',
    not_started: 'okres jeszcze się nie zaczął',
    period_running: 'znane po zakończeniu okresu',
    unsupported_grouping: 'niedostępne dla tego grupowania',
    unsupported_filter: 'niedostępne przy tych filtrach',
    negative_cycle: 'transakcje zamknięte przed utworzeniem',
  },
}

export function isReasonCode(code: string): code is ReasonCode {
  return (reasonCodes as readonly string[]).includes(code)
}

/** A reason code in words; a code this table does not know, with its underscores as spaces. */
export function reasonText(code: string, lang: Lang = 'en'): string {
  return isReasonCode(code) ? reasonWords[lang][code] : code.replace(/_/g, ' ')
}

// The view state lives in the URL: the path names the page, the query string holds the rest
// (e.g. /revenue?period=2026-Q2&by=team&team=Enterprise). Pure functions, no DOM.
import {
  categories,
  dimensions,
  filterDims,
  type Category,
  type Dimension,
  type Filters,
} from '../api/types.js'

export type PageId = 'home' | Category | 'funnel' | 'review'
export const pages: readonly PageId[] = ['home', ...categories, 'funnel', 'review']

export type Route =
  | { page: PageId }
  | { page: 'scorecard'; repId: string }
  | { page: 'audit' }
  | { page: 'import' }
  | { page: 'notFound' }

export function parsePath(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts.length === 0) return { page: 'home' }
  const [first, second] = parts
  if (first === 'team' && second !== undefined && parts.length === 2)
    return { page: 'scorecard', repId: second }
  // The audit log (admins) and import (admins, managers): linked from the user menu.
  if (parts.length === 1 && first === 'audit') return { page: 'audit' }
  if (parts.length === 1 && first === 'import') return { page: 'import' }
  if (parts.length === 1 && (pages as readonly string[]).includes(first ?? '') && first !== 'home')
    return { page: first as PageId }
  return { page: 'notFound' }
}

export function pagePath(page: PageId): string {
  return page === 'home' ? '/' : `/${page}`
}

export const scorecardPath = (repId: string) => `/team/${encodeURIComponent(repId)}`

/** Query keys that every page shares: kept when moving between pages. */
export const globalKeys = ['period', 'from', 'to', 'by', ...filterDims, 'lang', 'asof'] as const

/** Query keys of the drill-down panel. */
export const drillKeys = [
  'drill',
  'dpart',
  'dgroup',
  'dfrom',
  'dto',
  'dpage',
  'dsort',
  'dorder',
] as const

export type Changes = Record<string, string | readonly string[] | null | undefined>

/** `params` with `changes` applied: null removes a key, an array sets repeated values. */
export function applyChanges(params: URLSearchParams, changes: Changes): URLSearchParams {
  const next = new URLSearchParams(params)
  for (const [key, value] of Object.entries(changes)) {
    if (typeof value === 'string')
      next.set(key, value) // keeps the key's place in the URL
    else {
      next.delete(key)
      for (const v of value ?? []) next.append(key, v)
    }
  }
  return next
}

export function href(path: string, params: URLSearchParams): string {
  const q = params.toString()
  return q ? `${path}?${q}` : path
}

/** A link to another page that keeps only the shared view state. */
export function pageHref(path: string, params: URLSearchParams): string {
  const kept = new URLSearchParams()
  for (const [k, v] of params) if ((globalKeys as readonly string[]).includes(k)) kept.append(k, v)
  return href(path, kept)
}

export interface ViewParams {
  /** A named period (2026-Q2, FY2026...), or null for a custom range or the default. */
  period: string | null
  custom: { from: string; to: string } | null
  by: Dimension | null
  filters: Filters
  asOf: string | null
}

const isDate = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s)

export function readView(params: URLSearchParams): ViewParams {
  const filters: Filters = {}
  for (const dim of filterDims) {
    const values = params.getAll(dim).filter((v) => v !== '')
    if (values.length > 0) filters[dim] = values
  }
  const from = params.get('from')
  const to = params.get('to')
  const by = params.get('by')
  const asOf = params.get('asof')
  return {
    period: params.get('period'),
    custom: isDate(from) && isDate(to) && !params.get('period') ? { from, to } : null,
    by: by && (dimensions as readonly string[]).includes(by) ? (by as Dimension) : null,
    filters,
    asOf: isDate(asOf) ? asOf : null,
  }
}

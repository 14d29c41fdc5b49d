// History API routing: pushState/replaceState and popstate; no hash routing.
import { useMemo, useSyncExternalStore } from 'react'
import { applyChanges, href, parsePath, type Changes, type Route } from './url.js'

const listeners = new Set<() => void>()
const notify = () => listeners.forEach((l) => l())
window.addEventListener('popstate', notify)

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const samePath = new URL(to, location.href).pathname === location.pathname
  if (options.replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  if (!samePath) window.scrollTo(0, 0)
  notify()
}

export interface Location {
  path: string
  params: URLSearchParams
  route: Route
  /** Changes query keys of the current page (null removes one). */
  update(changes: Changes, options?: { replace?: boolean }): void
}

export function useLocation(): Location {
  const url = useSyncExternalStore(subscribe, () => location.pathname + location.search)
  return useMemo(() => {
    const u = new URL(url, location.origin)
    const params = u.searchParams
    return {
      path: u.pathname,
      params,
      route: parsePath(u.pathname),
      update: (changes, options) =>
        navigate(href(u.pathname, applyChanges(params, changes)), options),
    }
  }, [url])
}

import { useEffect, useState } from 'react'
import { api, ApiError } from '../api/client.js'
import type { StatusResponse } from '../api/types.js'

/** How often a visible dashboard asks whether the data changed. */
export const STATUS_POLL_MS = 5_000

/**
 * The server's status, asked again every few seconds while the page is visible and at once
 * when it comes back into view or focus (a CLI import in another window, then a glance back).
 * Starts from `initial`; a failed poll keeps the last answer (the next one tries again).
 */
export function useStatus(
  initial: StatusResponse | null,
  /** A poll answered 401: the session ended (expired, signed out elsewhere). */
  onSignedOut: () => void = () => {},
): StatusResponse | null {
  const [status, setStatus] = useState(initial)
  useEffect(() => setStatus(initial), [initial])
  useEffect(() => {
    if (!initial) return
    let ac: AbortController | null = null
    const poll = () => {
      if (document.visibilityState === 'hidden') return
      ac?.abort()
      const current = new AbortController()
      ac = current
      api.status(current.signal).then(
        (s) => {
          if (!current.signal.aborted) {
            setStatus((old) =>
              old &&
              old.data_version === s.data_version &&
              old.has_data === s.has_data &&
              old.as_of === s.as_of
                ? old
                : s,
            )
          }
        },
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 401) onSignedOut()
        },
      )
    }
    const timer = setInterval(poll, STATUS_POLL_MS)
    const onVisible = () => {
      if (document.visibilityState === 'visible') poll()
    }
    document.addEventListener('visibilitychange', onVisible)
    window.addEventListener('focus', poll)
    return () => {
      clearInterval(timer)
      ac?.abort()
      document.removeEventListener('visibilitychange', onVisible)
      window.removeEventListener('focus', poll)
    }
  }, [initial])
  return status
}

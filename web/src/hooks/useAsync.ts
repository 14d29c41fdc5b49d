import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../api/client.js'
import { useDataVersion } from '../app/data-version.js'

export type Async<T> =
  /** `stale`: the last data loaded, shown dimmed while the next arrives. */
  | { status: 'loading'; stale?: T }
  | { status: 'error'; error: ApiError }
  | { status: 'ok'; data: T }

interface Settled<T> {
  key: string
  nonce: number
  result: Async<T>
}

/**
 * Loads `load` whenever `key` or the server's data version changes (null: not ready yet, stays
 * loading); the previous request is aborted, and the last data stays shown (dimmed) until the
 * next arrives. `reload` runs it again.
 */
export function useAsync<T>(
  requested: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): Async<T> & { reload: () => void } {
  const version = useDataVersion()
  const key = requested === null ? null : `${requested}\u0000${version}`
  const [settled, setSettled] = useState<Settled<T> | null>(null)
  const [nonce, setNonce] = useState(0)
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })
  const reload = useCallback(() => setNonce((n) => n + 1), [])

  useEffect(() => {
    if (key === null) return
    const ac = new AbortController()
    loadRef.current(ac.signal).then(
      (data) => {
        if (!ac.signal.aborted) setSettled({ key, nonce, result: { status: 'ok', data } })
      },
      (e: unknown) => {
        if (ac.signal.aborted) return
        const error = e instanceof ApiError ? e : new ApiError(-1, 'CLIENT', String(e))
        setSettled({ key, nonce, result: { status: 'error', error } })
      },
    )
    return () => ac.abort()
  }, [key, nonce])

  if (key === null || !settled || settled.key !== key || settled.nonce !== nonce) {
    const stale = settled?.result.status === 'ok' ? settled.result.data : undefined
    return stale === undefined
      ? { status: 'loading', reload }
      : { status: 'loading', stale, reload }
  }
  return { ...settled.result, reload }
}

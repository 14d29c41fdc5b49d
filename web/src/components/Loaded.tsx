import type { ReactNode } from 'react'
import type { Async } from '../hooks/useAsync.js'
import { ErrorState, Skeleton, Spinner } from './States.js'

/** Skeletons while loading, the error with what to do, else the content. */
export function Loaded<T>(props: {
  state: Async<T> & { reload: () => void }
  skeletons?: number
  skeletonHeight?: number
  children: (data: T) => ReactNode
}) {
  const { state } = props
  if (state.status === 'loading' && state.stale !== undefined) {
    return (
      <div className="stale" aria-busy="true">
        <Spinner />
        {props.children(state.stale)}
      </div>
    )
  }
  if (state.status === 'loading')
    return <Skeleton count={props.skeletons ?? 4} height={props.skeletonHeight} />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={state.reload} />
  return <>{props.children(state.data)}</>
}

import type { ResultRow } from '../contracts/result-row.js'
import type { Store } from '../store/store.js'
import type { ComputeGate } from './compute-gate.js'
import type { ResultCache } from './result-cache.js'

/** What the routes need: the store and today's date (the one clock read, at the edge). */
export interface ServerContext {
  store: Store
  today: () => string
  log: (message: string) => void
}

/** The context with what the app adds: the gate of computations and the cache of answers. */
export interface AppContext extends ServerContext {
  gate: ComputeGate
  cache: ResultCache<ResultRow[][]>
}

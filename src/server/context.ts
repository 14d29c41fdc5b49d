import type { Store } from '../store/store.js'

/** What the routes need: the store and today's date (the one clock read, at the edge). */
export interface ServerContext {
  store: Store
  today: () => string
  log: (message: string) => void
}

import { HttpError } from './http-errors.js'

/**
 * At most `running` computations at once and `waiting` more in line; beyond that a request
 * is told to come back (503 with Retry-After) instead of joining an unbounded queue. A
 * request whose client has gone leaves the line without running.
 */
export class ComputeGate {
  private active = 0
  private readonly queue: (() => void)[] = []

  constructor(
    private readonly running = 2,
    private readonly waiting = 64,
  ) {}

  async run<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting)
        throw new HttpError(503, 'BUSY', 'the server is busy computing: try again in a moment', {
          'retry-after': '2',
        })
      await new Promise<void>((resolve) => this.queue.push(resolve))
    }
    this.active++
    try {
      if (signal?.aborted)
        throw new HttpError(400, 'CLIENT_GONE', 'the client left before its turn')
      return await fn()
    } finally {
      this.active--
      this.queue.shift()?.()
    }
  }
}

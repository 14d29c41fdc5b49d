import { runDue } from '../schedules/run-due.js'
import { smtpMailer } from '../schedules/smtp-mailer.js'
import { readSettings } from '../store/settings.js'
import type { Store } from '../store/store.js'
import type { WorkQueue } from './work-queue.js'

export interface SchedulerOptions {
  store: Store
  /** The server's queue of writes: a run never overlaps an import or a forwarded command. */
  queue: WorkQueue
  /** The clock, read by the caller's function (serve.ts), never here. */
  now: () => Date
  log: (message: string) => void
  /** MIERNIK_SMTP_PASSWORD, read at the edge. */
  smtpPassword: string | undefined
  /** How often to look for due schedules (default a minute). */
  intervalMs?: number
}

/** The scheduler of a running server: `tick` runs what is due; `stop` waits for a run to end. */
export interface Scheduler {
  tick(): Promise<void>
  stop(): Promise<void>
}

/**
 * Runs due schedules every minute, one run at a time through the server's work queue; a
 * tick while a run is still going is skipped. The timer is unref'd: it never keeps the
 * process alive. Failures are recorded by runDue and logged; a bug is logged, not thrown.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { store, queue, log } = options
  let running: Promise<void> | null = null
  let stopped = false
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve()
    running ??= queue
      .run(async () => {
        const settings = await readSettings(store)
        const send = smtpMailer(settings, options.smtpPassword)
        await runDue(store, { now: options.now(), send, log })
      })
      .catch((e) => log(`schedules: ${(e as Error).message ?? String(e)}`))
      .finally(() => {
        running = null
      })
    return running
  }
  const timer = setInterval(() => void tick(), options.intervalMs ?? 60_000)
  timer.unref()
  return {
    tick,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

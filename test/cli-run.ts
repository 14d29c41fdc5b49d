import type { Io } from '../src/cli/io.js'
import { main } from '../src/cli/main.js'

/** Output of one CLI run in process: exit code, stdout, stderr. */
export interface CliResult {
  code: number
  out: string
  err: string
}

/**
 * Runs `miernik ARGV` in process, `today` being the one clock reading the CLI makes (and
 * `now` the time, for schedules; the date of `now` when given).
 */
export async function runCli(argv: string[], today = '2026-06-30', now?: Date): Promise<CliResult> {
  let out = ''
  let err = ''
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`)
  const io: Io = {
    isTty: false,
    today: () => (now ? now.toISOString().slice(0, 10) : today),
    ...(now ? { now: () => now } : {}),
    out: (t) => void (out += line(t)),
    err: (t) => void (err += line(t)),
  }
  const code = await main(argv, io)
  return { code, out, err }
}

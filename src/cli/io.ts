/** Where a command writes: real streams in the bin, buffers in tests. */
export interface Io {
  out(text: string): void
  err(text: string): void
  /** Whether stderr is a terminal (progress is shown only there). */
  isTty: boolean
  /** Today's date as YYYY-MM-DD: the one clock read, at the edge. */
  today(): string
  /** The current time, for what runs at a time of day (schedules); absent: the system clock. */
  now?(): Date
  /** Asks the user a question on the terminal; absent when nobody is there to answer. */
  ask?(question: string): Promise<string>
  /**
   * The columns tables and help must fit in; absent: no limit (lines as long as they need).
   * See `outputWidth` for where the bin takes it from.
   */
  width?: number
}

/**
 * The width of standard output: the terminal's columns when it is one; else the COLUMNS
 * variable when set (`COLUMNS=100 miernik metrics > out.txt`); else none, so a table piped
 * to a file or another program keeps whole lines for grep and diff rather than wrapping at
 * a width nobody sees.
 */
export function outputWidth(
  stdout: { isTTY?: boolean; columns?: number },
  env: Record<string, string | undefined>,
): number | undefined {
  if (stdout.isTTY && stdout.columns && stdout.columns > 0) return stdout.columns
  const columns = Number(env.COLUMNS)
  return Number.isInteger(columns) && columns > 0 ? columns : undefined
}

async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises')
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return await rl.question(question)
  } finally {
    rl.close()
  }
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  // Getters: process.stdin and process.stderr are made when first read, which costs a
  // command that never asks or shows progress (--help) a millisecond or two.
  get isTty() {
    return Boolean(process.stderr.isTTY)
  },
  today: () => new Date().toISOString().slice(0, 10),
  now: () => new Date(),
  get ask() {
    return process.stdin.isTTY ? askOnTerminal : undefined
  },
  // A getter: a terminal resized between two commands of one process is read anew.
  get width() {
    return outputWidth(process.stdout, process.env)
  },
}

/** Progress lines on a terminal: each replaces the last. */
export function progressReporter(io: Io): ((message: string) => void) | undefined {
  if (!io.isTty) return undefined
  const started = Date.now()
  return (message) =>
    process.stderr.write(`\r\x1b[K${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

export function endProgress(io: Io): void {
  if (io.isTty) process.stderr.write('\r\x1b[K')
}

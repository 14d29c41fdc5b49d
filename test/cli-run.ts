import type { Io } from '../src/cli/io.js'
import { main } from '../src/cli/main.js'

/** Output of one CLI run in process: exit code, stdout, stderr. */
export interface CliResult {
  code: number
  out: string
  err: string
}

/** Runs `miernik ARGV` in process, `today` being the one clock reading the CLI makes. */
export async function runCli(argv: string[], today = '2026-06-30'): Promise<CliResult> {
  let out = ''
  let err = ''
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`)
  const io: Io = {
    isTty: false,
    today: () => today,
    out: (t) => void (out += line(t)),
    err: (t) => void (err += line(t)),
  }
  const code = await main(argv, io)
  return { code, out, err }
}

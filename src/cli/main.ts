#!/usr/bin/env node
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { forwardIfServed } from './forward.js'
import { handleInterrupts, interruptOutcome } from './interrupt.js'
import { processIo } from './io.js'
import { main } from './program.js'

export { main }

// The bin: run when this file is the entry point (not when a test or the server imports
// main, which lives in program.ts so that importing it never waits on this block).
const invoked =
  process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
if (invoked) {
  // A reader that stops early (`miernik metrics | head`) closes the pipe: the output is no
  // longer wanted, which is not an error, so stop quietly as other Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e
    process.exit(process.exitCode ?? 0)
  })
  handleInterrupts(processIo)
  const argv = process.argv.slice(2)
  // A database held by `miernik serve` is worked on by that server (see forward.ts).
  const forwarded = await forwardIfServed(argv, processIo)
  process.exitCode = forwarded ?? interruptOutcome(processIo, await main(argv))
}

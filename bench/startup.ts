/**
 * Benchmark (not a test): how long the CLI takes to start, as a user runs it — a whole
 * `node dist/cli/main.js` process — beside its floor, a Node process that does nothing.
 * Commands load their modules (database drivers, the metric engine, ECharts) when run, so
 * `--help` and a command's own help pay only for the parser. Needs `npm run build` first.
 *
 *   npm run bench:startup
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { figureLine, medianMs } from './common.js'

const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const run = (args: string[]) => async () => {
  execFileSync(process.execPath, args, { stdio: 'ignore' })
}

const floor = (await medianMs(run(['-e', '0']), 9)) / 1000
console.log(`Miernik CLI start-up, ${new Date().toISOString().slice(0, 10)} (median of 9 runs)`)
for (const [what, args] of [
  ['miernik --help', ['--help']],
  ['miernik metrics --help', ['metrics', '--help']],
  ['miernik review --help', ['review', '--help']],
] as const) {
  const seconds = (await medianMs(run([bin, ...args]), 9)) / 1000
  console.log(figureLine(what, seconds, floor, '< 0.15 s'))
}

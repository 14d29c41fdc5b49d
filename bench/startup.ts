/**
 * Benchmark (not a test): how long the CLI takes to start, as a user runs it — a whole
 * `node dist/cli/main.js` process — beside its floor, a Node process that does nothing.
 * Commands load their modules (database drivers, the metric engine, ECharts) when run, as
 * chunks of the bundle (scripts/build-cli.ts), so `--help` and a command's own help pay only
 * for the parser; `metrics --list` loads the metrics command's chunks and the catalogue (no
 * database), the module loading every `miernik metrics` pays before its query. Needs
 * `npm run build` first.
 *
 * The runs take turns (floor, then each command, then the floor again...), so a machine
 * shared with other work slows them alike: the ratio to the floor is the steadier figure.
 *
 *   npm run bench:startup          RUNS=51 npm run bench:startup
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { figureLine } from './common.js'

const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const runs = Number(process.env.RUNS ?? 31)
const cases = [
  ['a Node process doing nothing', ['-e', '0']],
  ['miernik --help', [bin, '--help']],
  ['miernik metrics --help', [bin, 'metrics', '--help']],
  ['miernik review --help', [bin, 'review', '--help']],
  ['miernik metrics --list', [bin, 'metrics', '--list']],
] as const

/** Seconds one whole process takes. */
function seconds(args: readonly string[]): number {
  const t = performance.now()
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' })
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (run npm run build first)`)
  return (performance.now() - t) / 1000
}

const times = cases.map(() => [] as number[])
for (let i = 0; i < runs + 1; i++)
  cases.forEach(([, args], c) => {
    const s = seconds(args)
    if (i > 0) times[c]!.push(s) // the first round warms the file cache
  })
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

const floor = median(times[0]!)
console.log(
  `Miernik CLI start-up, ${new Date().toISOString().slice(0, 10)} (median of ${runs} runs, taking turns)`,
)
console.log(figureLine(cases[0][0], floor, null, '—'))
cases.slice(1).forEach(([what], c) => {
  const target = what.endsWith('--help') ? '<= 0.15 s' : '—'
  console.log(figureLine(what, median(times[c + 1]!), floor, target))
})

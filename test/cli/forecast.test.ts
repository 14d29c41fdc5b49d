import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli-run.js'
import { fileLocation } from '../engine.js'
import { writeFixture } from '../helpers.js'
import { snapshotFiles } from '../forecast/snapshot-deals.js'

// `miernik forecast snapshot` end to end on every engine: files imported with the CLI, the
// snapshot printed and stored, then judged by `miernik metrics`. Figures: snapshot-deals.ts.
const db = fileLocation('forecast')
const run = (argv: string[], today = '2026-06-20') => runCli([...argv, '--db', db], today)

beforeAll(async () => {
  const dir = writeFixture(snapshotFiles(false))
  for (const entity of ['reps', 'rep_teams', 'stages', 'fx_rates', 'opportunities']) {
    const r = await run(['import', entity, join(dir, `${entity}.csv`)])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
  }
})

describe('miernik forecast snapshot', () => {
  it('made today for the next quarter by default; prints what it wrote', async () => {
    const r = await run(['forecast', 'snapshot'], '2026-06-20')
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Forecast for 2026-07-01 – 2026-09-30, made on 2026-06-20')
    expect(r.out).toContain('No deal carries a forecast category: one commit row per scope')
    expect(r.out).toMatch(/│ company\s+│ commit\s+│\s+\$21,400\.00 │\s+\$0\.00 │/)
    expect(r.out).toMatch(/│ rep:r2 \(Bob\)\s+│ commit\s+│\s+\$9,000\.00 │/)
    expect(r.out).toContain('Wrote 6 forecast rows in USD.')
  })

  it('--made-on and --period; json; the same day again replaces it', async () => {
    const argv = ['forecast', 'snapshot', '--period', '2026-Q3', '--made-on', '2026-08-15']
    const first = await run([...argv, '--format', 'json'])
    expect(first.code).toBe(0)
    const json = JSON.parse(first.out) as {
      rows: { scope: string; category: string; amount: string }[]
      deals: Record<string, number>
    }
    expect(json.rows.map((r) => [r.scope, Number(r.amount)])).toEqual([
      ['company', 38_000],
      ['team:North', 23_000],
      ['team:South', 6_000],
      ['team:West', 9_000],
      ['rep:r1', 20_000],
      ['rep:r2', 15_000],
      ['rep:r3', 3_000],
    ])
    expect(json.deals).toEqual({ won: 2, open: 7, noAmount: 1, noProbability: 1 })
    const again = await run(argv)
    expect(again.out).toContain(
      'Left out (they add nothing): 1 deal without an amount; 1 open deal without a probability',
    )
    expect(again.out).toContain(
      'Wrote 7 forecast rows in USD (replacing the 7 rows made on 2026-08-15).',
    )
  })

  it('metrics judge the snapshots: before the quarter by default, or --forecast-made-before', async () => {
    const values = async (...extra: string[]) => {
      const r = await run(
        ['metrics', '--metric', 'forecast_accuracy,forecast_bias', '--period', '2026-Q3'].concat(
          ['--as-of', '2026-10-15', '--format', 'json'],
          extra,
        ),
      )
      expect(r.err).toBe('')
      return (JSON.parse(r.out) as { rows: { value: number }[] }).rows.map((x) => x.value)
    }
    expect(await values()).toEqual([0.6625, 0.3375])
    expect(await values('--forecast-made-before', '2026-08-16')).toEqual([0, 1.375])
  })

  it('user errors: a bad date, a period over before it was made, an unknown period', async () => {
    const bad = await run(['forecast', 'snapshot', '--made-on', '15.08.2026'])
    expect(bad).toMatchObject({ code: 2 })
    expect(bad.err).toContain("--made-on must be a date YYYY-MM-DD, not '15.08.2026'")
    const over = await run([
      'forecast',
      'snapshot',
      '--period',
      '2026-Q2',
      '--made-on',
      '2026-08-15',
    ])
    expect(over.code).toBe(2)
    expect(over.err).toContain('ended before it')
    const unknown = await run(['forecast', 'snapshot', '--period', '2026-Q5'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toMatch(/period/)
  })

  it('--help has examples', async () => {
    const r = await runCli(['forecast', 'snapshot', '--help'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('  $ miernik forecast snapshot --period 2026-Q3 --made-on 2026-06-15')
  })
})

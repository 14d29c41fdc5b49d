import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli-run.js'
import { fileLocation, testEngine } from '../engine.js'
import { dataVersion } from '../../src/store/data-version.js'
import { openStore } from '../../src/store/open-store.js'

// `miernik target set|list|remove` on every engine: what it writes is what `metrics` shows
// as a row's target (and pace on a running period).
const run = (...argv: string[]) => runCli(argv)

/** `miernik metrics` of Q2 2026 revenue by rep, as of a day: how the table shows targets. */
const revenueByRep = (db: string, asOf: string) =>
  run(
    'metrics',
    '--db',
    db,
    '--period',
    '2026-Q2',
    '--metric',
    'total_revenue',
    '--by',
    'rep',
    '--as-of',
    asOf,
  )

const dir = mkdtempSync(join(tmpdir(), 'miernik-target-'))
const db = fileLocation('targets')

interface Row {
  metric: string
  group: Record<string, string | null>
  value: number | null
  target?: number
  pace?: number
  running?: true
}
async function rows(...argv: string[]): Promise<Row[]> {
  const r = await run('metrics', '--db', db, '--format', 'json', ...argv)
  expect(r.err).toBe('')
  return (JSON.parse(r.out) as { rows: Row[] }).rows
}
async function version(): Promise<string> {
  const store = await openStore(db)
  try {
    return await dataVersion(store)
  } finally {
    await store.close()
  }
}
async function listed(...argv: string[]) {
  const r = await run('target', 'list', '--db', db, '--format', 'json', ...argv)
  expect(r.code).toBe(0)
  return (JSON.parse(r.out) as { targets: Record<string, unknown>[] }).targets
}

beforeAll(async () => {
  // Two reps in North and South; r2 was in West until March (team history).
  const files: Record<string, string> = {
    reps: 'id,name,team\nr1,Ann Lee,North\nr2,Bob Ray,South\n',
    rep_teams:
      'rep_id,team,valid_from,valid_to\nr2,West,2025-01-01,2026-03-31\nr2,South,2026-04-01,\n',
    // Q2 2026: r1 won 1000 and 3000 and lost one; r2 won 500.
    opportunities: [
      'id,owner_id,status,amount,created_on,closed_on',
      'o1,r1,won,1000,2026-04-02,2026-04-10',
      'o2,r1,won,3000,2026-04-05,2026-05-20',
      'o3,r1,lost,700,2026-04-07,2026-04-30',
      'o4,r2,won,500,2026-04-08,2026-04-12',
    ].join('\n'),
  }
  for (const [entity, text] of Object.entries(files)) {
    writeFileSync(join(dir, `${entity}.csv`), text)
    const r = await run('import', entity, join(dir, `${entity}.csv`), '--db', db)
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
  }
}, 120_000)

describe(`${testEngine}: miernik target`, () => {
  it('sets a target, says when it changes one, and bumps the data version', async () => {
    const before = await version()
    const set = await run(
      'target',
      'set',
      'win_rate',
      '--period',
      '2026-Q2',
      '--value',
      '30%',
      '--db',
      db,
    )
    expect(set).toEqual({
      code: 0,
      out: 'Set the target of Win rate (win_rate) for 2026-04-01 – 2026-06-30, company: 30.0%\n',
      err: '',
    })
    const afterSet = await version()
    expect(afterSet).not.toBe(before)
    const change = await run(
      'target',
      'set',
      'win_rate',
      '--period',
      '2026-Q2',
      '--value',
      '0.35',
      '--db',
      db,
    )
    expect(change.out).toBe(
      'Changed the target of Win rate (win_rate) for 2026-04-01 – 2026-06-30, company from 30.0% to 35.0%\n',
    )
    expect(await version()).not.toBe(afterSet)
    const same = await run(
      'target',
      'set',
      'win_rate',
      '--period',
      '2026-Q2',
      '--value',
      '35%',
      '--db',
      db,
    )
    expect(same.code).toBe(0)
    expect(same.out).toContain('is already 35.0%: nothing changed')
    expect(await listed('--metric', 'win_rate')).toEqual([
      {
        metric: 'win_rate',
        period_start: '2026-04-01',
        period_end: '2026-06-30',
        scope: 'company',
        value: 0.35,
        unit: 'ratio',
      },
    ])
  })

  it('puts the target on the rows metrics gives, with the pace while the period runs', async () => {
    const [closed] = await rows(
      '--period',
      '2026-Q2',
      '--metric',
      'win_rate',
      '--as-of',
      '2026-07-15',
    )
    expect(closed).toMatchObject({ metric: 'win_rate', value: 0.75, target: 0.35 })
    expect(closed?.pace).toBeUndefined()
    // 15 May: 45 of the quarter's 91 days gone.
    const [running] = await rows(
      '--period',
      '2026-Q2',
      '--metric',
      'win_rate',
      '--as-of',
      '2026-05-15',
    )
    expect(running).toMatchObject({ running: true, target: 0.35 })
    expect(running?.pace).toBeCloseTo(45 / 91, 12)
    // Another period, or a split the target is not for: no target.
    const [may] = await rows('--period', '2026-05', '--metric', 'win_rate', '--as-of', '2026-07-15')
    expect(may?.target).toBeUndefined()
  })

  it("a rep's and a team's target (a team known from the team history too)", async () => {
    for (const [scope, value] of [
      ['rep:r1', '5000'],
      ['team:South', '2500.5'],
      ['team:West', '100'],
    ] as const) {
      const r = await run(
        'target',
        'set',
        'total_revenue',
        '--period',
        '2026-Q2',
        '--value',
        value,
        '--scope',
        scope,
        '--db',
        db,
      )
      expect(r.err).toBe('')
      expect(r.code).toBe(0)
    }
    const byRep = await rows(
      '--period',
      '2026-Q2',
      '--metric',
      'total_revenue',
      '--by',
      'rep',
      '--as-of',
      '2026-07-15',
    )
    expect(byRep.map((r) => [r.group.rep, r.value, r.target])).toEqual([
      ['r1', 4000, 5000],
      ['r2', 500, undefined],
    ])
    const byTeam = await rows(
      '--period',
      '2026-Q2',
      '--metric',
      'total_revenue',
      '--by',
      'team',
      '--as-of',
      '2026-07-15',
    )
    expect(byTeam.map((r) => [r.group.team, r.target])).toEqual([
      ['North', undefined],
      ['South', 2500.5],
    ])
    // The table says how each stands: r1 has 1,000 of 5,000 on 15 May (45 of 91 days gone).
    const running = await revenueByRep(db, '2026-05-15')
    expect(running.out).toMatch(
      /│ Total revenue │ r1 +│ +\$1,000 │ +\$5,000 │ data from 2026-04-10; behind: 20% of target, 49% expected by now │/,
    )
    const closed = await revenueByRep(db, '2026-07-15')
    expect(closed.out).toMatch(
      /│ Total revenue │ r1 +│ +\$4,000 │ +\$5,000 │ [^│]*target missed \(80% of target\) +│/,
    )
    const table = await run('target', 'list', '--db', db, '--metric', 'total_revenue')
    expect(table.out).toMatch(
      /│ total_revenue │ 2026-04-01 – 2026-06-30 │ rep:r1 \(Ann Lee\) +│ +\$5,000 │/,
    )
    expect(table.out).toMatch(/│ team:South +│ +\$2,500\.50 │/)
  })

  it('lists by metric, overlapping period and scope', async () => {
    await run('target', 'set', 'total_revenue', '--period', '2026', '--value', '50000', '--db', db)
    await run(
      'target',
      'set',
      'total_revenue',
      '--period',
      '2026-07',
      '--value',
      '9000',
      '--db',
      db,
    )
    const key = (t: Record<string, unknown>) => `${t.metric} ${t.period_start} ${t.scope}`
    expect((await listed('--period', '2026-Q2')).map(key)).toEqual([
      'total_revenue 2026-01-01 company',
      'total_revenue 2026-04-01 rep:r1',
      'total_revenue 2026-04-01 team:South',
      'total_revenue 2026-04-01 team:West',
      'win_rate 2026-04-01 company',
    ])
    expect((await listed('--period', '2026-Q3', '--metric', 'total_revenue')).map(key)).toEqual([
      'total_revenue 2026-01-01 company',
      'total_revenue 2026-07-01 company',
    ])
    expect((await listed('--scope', 'rep:r1')).map(key)).toEqual([
      'total_revenue 2026-04-01 rep:r1',
    ])
    const none = await run('target', 'list', '--db', db, '--period', '2025')
    expect(none.out).toBe('No targets match.\n')
  })

  it('reads a fiscal period with the fiscal year start setting', async () => {
    expect((await run('config', 'set', 'fiscal_year_start_month', '4', '--db', db)).code).toBe(0)
    try {
      const r = await run(
        'target',
        'set',
        'win_rate',
        '--period',
        'FY2027-Q1',
        '--value',
        '40%',
        '--db',
        db,
      )
      expect(r.out).toBe(
        'Changed the target of Win rate (win_rate) for 2026-04-01 – 2026-06-30, company from 35.0% to 40.0%\n',
      )
    } finally {
      await run('config', 'set', 'fiscal_year_start_month', '1', '--db', db)
    }
  })

  it('removes a target, and says so with exit code 1 when there is none', async () => {
    const gone = await run(
      'target',
      'remove',
      'total_revenue',
      '--period',
      '2026-Q2',
      '--scope',
      'team:West',
      '--db',
      db,
    )
    expect(gone).toEqual({
      code: 0,
      out: 'Removed the target of Total revenue (total_revenue) for 2026-04-01 – 2026-06-30, team:West (it was $100)\n',
      err: '',
    })
    const before = await version()
    const again = await run(
      'target',
      'remove',
      'total_revenue',
      '--period',
      '2026-Q2',
      '--scope',
      'team:West',
      '--db',
      db,
    )
    expect(again).toEqual({
      code: 1,
      out: '',
      err: 'miernik: there is no target of Total revenue (total_revenue) for 2026-04-01 – 2026-06-30, team:West: nothing removed\n',
    })
    expect(await version()).toBe(before)
    const removed = await run('target', 'remove', 'win_rate', '--period', '2026-Q2', '--db', db)
    expect(removed.code).toBe(0)
    const [row] = await rows('--period', '2026-Q2', '--metric', 'win_rate', '--as-of', '2026-07-15')
    expect(row?.target).toBeUndefined()
  })

  it.each([
    [
      ['set', 'winrate', '--period', '2026-Q2', '--value', '30%'],
      "unknown metric 'winrate': did you mean win_rate?",
    ],
    [['set', 'Win Rate', '--period', '2026-Q2', '--value', '30%'], 'did you mean win_rate?'],
    [
      ['set', 'win_rate', '--period', '2026-Q2', '--value', '30'],
      "--value '30' for win_rate, a ratio: write 30% or 0.3",
    ],
    [
      ['set', 'total_revenue', '--period', '2026-Q2', '--value', '30%'],
      'total_revenue is not a ratio',
    ],
    [
      ['set', 'total_revenue', '--period', '2026-Q2', '--value', '250k'],
      "--value must be a number (250000, 0.3 or 30%), not '250k'",
    ],
    [['set', 'total_revenue', '--period', '2026-Q2', '--value', 'NaN'], "not 'NaN'"],
    [['set', 'total_revenue', '--period', '2026-Q2', '--value', '1e20'], "not '1e20'"],
    [['set', 'total_revenue', '--period', '2026-Q2', '--value', '-5'], 'must be 0 or more'],
    [['set', 'total_revenue', '--period', '2026-Q2', '--value', '999999999999999'], 'too large'],
    [
      ['set', 'total_revenue', '--period', '2026-Q5', '--value', '5'],
      "cannot read period '2026-Q5'",
    ],
    [['set', 'total_revenue', '--value', '5'], "required option '--period <period>'"],
    [
      ['set', 'total_revenue', '--period', '2026-Q2', '--value', '5', '--scope', 'region:EU'],
      "bad --scope 'region:EU': use company, rep:ID or team:NAME",
    ],
    [
      ['set', 'total_revenue', '--period', '2026-Q2', '--value', '5', '--scope', 'rep:'],
      "bad --scope 'rep:'",
    ],
    [
      ['set', 'total_revenue', '--period', '2026-Q2', '--value', '5', '--scope', 'rep:ann lee'],
      "unknown rep 'ann lee': did you mean rep:r1 (Ann Lee)?",
    ],
    [
      ['set', 'total_revenue', '--period', '2026-Q2', '--value', '5', '--scope', 'rep:r9'],
      "unknown rep 'r9'",
    ],
    [
      ['set', 'total_revenue', '--period', '2026-Q2', '--value', '5', '--scope', 'team:north'],
      "unknown team 'north' (teams: North, South, West): did you mean team:North?",
    ],
    [
      [
        'set',
        'customer_acquisition_cost',
        '--period',
        '2026-Q2',
        '--value',
        '5',
        '--scope',
        'rep:r1',
      ],
      'customer_acquisition_cost cannot be split by rep',
    ],
    [
      ['set', 'stage_conversion', '--period', '2026-Q2', '--value', '50%'],
      'stage_conversion has a value per stage',
    ],
    [['list', '--format', 'csv'], "unknown --format 'csv': use table or json"],
    [['list', '--metric', 'win_rat'], "unknown metric 'win_rat': did you mean win_rate?"],
    [['remove', 'win_rat', '--period', '2026-Q2'], 'did you mean win_rate?'],
  ])('refuses with one line and exit code 2, writing nothing: %j', async (argv, message) => {
    const before = await version()
    const count = (await listed()).length
    const r = await run('target', ...argv, '--db', db)
    expect(r.code).toBe(2)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toContain(message)
    expect(await version()).toBe(before)
    expect(await listed()).toHaveLength(count)
  })
})

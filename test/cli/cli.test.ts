import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { catalog } from '../../src/metrics/catalog.js'
import type { Io } from '../../src/cli/io.js'

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    today: () => '2026-06-30',
    out(t: string) {
      io.stdout += t.endsWith('\n') ? t : `${t}\n`
    },
    err(t: string) {
      io.stderr += t.endsWith('\n') ? t : `${t}\n`
    },
  }
  return io
}

async function run(...argv: string[]) {
  const io = capture()
  const code = await main(argv, io)
  return { code, out: io.stdout, err: io.stderr }
}

const dir = mkdtempSync(join(tmpdir(), 'miernik-cli-'))
const db = join(dir, 'cli.duckdb')

beforeAll(() => {
  // 2 won in Q2 2026 (one on the quarter's last day), 1 lost, 1 open.
  writeFileSync(
    join(dir, 'opportunities.csv'),
    [
      'id,owner_id,status,amount,created_on,closed_on',
      'o1,r1,won,1000,2026-04-02,2026-05-10',
      'o2,r1,won,3000,2026-04-05,2026-06-30',
      'o3,r2,lost,500,2026-04-07,2026-06-01',
      'o4,r2,open,800,2026-05-01,',
    ].join('\n'),
  )
  writeFileSync(join(dir, 'bad.csv'), 'id,status,amount,created_on\nx1,won,abc,2026-01-01\n')
})

describe('miernik CLI', () => {
  it('imports a native file and reports what it wrote', async () => {
    const r = await run('import', 'opportunities', join(dir, 'opportunities.csv'), '--db', db)
    expect(r.code).toBe(0)
    expect(r.out).toContain('4 new, 0 updated, 0 unchanged')
    expect(r.out).toContain('owner_id not found in reps')
  })

  it('gives the result rows as JSON', async () => {
    const r = await run(
      'metrics',
      '--db',
      db,
      '--period',
      '2026-Q2',
      '--metric',
      'win_rate,total_revenue',
      '--format',
      'json',
    )
    expect(r.code).toBe(0)
    const { rows } = JSON.parse(r.out) as {
      rows: { metric: string; value: number; numerator: number; denominator: number }[]
    }
    expect(rows.map((x) => [x.metric, x.value])).toEqual([
      ['win_rate', 2 / 3],
      ['total_revenue', 4000],
    ])
    expect(rows[0]?.numerator).toBe(2)
    expect(rows[0]?.denominator).toBe(3)
  })

  it('explains a formula with its numbers filled in', async () => {
    const r = await run(
      'metrics',
      '--db',
      db,
      '--period',
      '2026-Q2',
      '--metric',
      'win_rate',
      '--explain',
    )
    expect(r.out).toContain('Win rate 66.7% = 2 won / 3 closed')
  })

  it('without a period reads the last full quarter and says so', async () => {
    const r = await run(
      'metrics',
      '--db',
      db,
      '--metric',
      'win_rate',
      '--as-of',
      '2026-08-15',
      '--format',
      'json',
    )
    expect(r.err).toContain('no period given: the last full quarter, 2026-04-01 – 2026-06-30')
    const { rows } = JSON.parse(r.out) as { rows: { period_start: string; value: number }[] }
    expect(rows[0]).toMatchObject({ period_start: '2026-04-01', value: 2 / 3 })
  })

  it('an unknown filter value is an error naming the values there are', async () => {
    const r = await run('metrics', '--db', db, '--period', '2026-Q2', '--filter', 'rep=nobody')
    expect(r.code).not.toBe(0)
    expect(r.err).toContain("unknown rep 'nobody'")
  })

  it('prints CSV with one row per result', async () => {
    const r = await run(
      'metrics',
      '--db',
      db,
      '--from',
      '2026-04-01',
      '--to',
      '2026-06-30',
      '--grain',
      'month',
      '--metric',
      'total_revenue',
      '--format',
      'csv',
    )
    expect(r.out.trim().split('\n')).toEqual([
      // The first deal was won on May 10: April and May start before the data (data_from).
      'metric,period_start,period_end,group,value,numerator,denominator,unit,excluded,reason,previous,change,data_from',
      'total_revenue,2026-04-01,2026-04-30,all,0,0,,currency,0,,,,2026-05-10',
      'total_revenue,2026-05-01,2026-05-31,all,1000,1000,,currency,0,,,,2026-05-10',
      'total_revenue,2026-06-01,2026-06-30,all,3000,3000,,currency,0,,,,',
    ])
  })

  it('lists the catalogue', async () => {
    const r = await run('metrics', '--list', '--format', 'json')
    const { metrics } = JSON.parse(r.out) as { metrics: { id: string }[] }
    expect(metrics.map((m) => m.id)).toEqual(catalog.map((m) => m.id))
    expect(metrics.map((m) => m.id)).toContain('customer_retention_rate')
  })

  it.each([
    [['metrics', '--db', db, '--period', '2026-Q2', '--metric', 'nope'], "unknown metric 'nope'"],
    [['metrics', '--db', db, '--period', '2026-Q5'], "cannot read period '2026-Q5'"],
    [['metrics', '--db', join(dir, 'missing.duckdb'), '--period', '2026-Q2'], 'does not exist'],
    [['metrics', '--db', db, '--period', '2026-Q2', '--by', 'planet'], "unknown grouping 'planet'"],
    [['import', 'deals', join(dir, 'bad.csv'), '--db', db], "unknown entity 'deals'"],
    [['config', 'set', 'base_currency', 'EURO', '--db', db], 'base_currency'],
  ])('fails with one clear line and exit code 2: %j', async (argv, message) => {
    const r = await run(...argv)
    expect(r.code).toBe(2)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toContain(message)
    expect(r.err).not.toMatch(/\n\s+at /)
  })

  it('rejects a bad file with exit code 1, naming the line, and writes nothing', async () => {
    const r = await run('import', 'opportunities', join(dir, 'bad.csv'), '--db', db)
    expect(r.code).toBe(1)
    expect(r.err).toContain("bad.csv:2: amount = 'abc': not a number")
    expect(r.err).toContain('closed_on is required')
    const after = await run(
      'metrics',
      '--db',
      db,
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-31',
      '--metric',
      'opportunity_conversion_rate',
      '--format',
      'json',
    )
    expect(JSON.parse(after.out).rows[0].denominator).toBe(0)
  })

  it('keeps settings in the database', async () => {
    expect((await run('config', 'set', 'fiscal_year_start_month', '4', '--db', db)).code).toBe(0)
    expect((await run('config', 'get', 'fiscal_year_start_month', '--db', db)).out.trim()).toBe('4')
    const r = await run(
      'metrics',
      '--db',
      db,
      '--period',
      'FY2027-Q1',
      '--metric',
      'total_revenue',
      '--format',
      'json',
    )
    const [row] = JSON.parse(r.out).rows
    expect([row.period_start, row.period_end, row.value]).toEqual([
      '2026-04-01',
      '2026-06-30',
      4000,
    ])
    // A calendar period stays one calendar bucket whatever the fiscal year: Q2 is not cut
    // into fiscal pieces, and the period before it is the calendar quarter before.
    const q2 = await run(
      'metrics',
      '--db',
      db,
      '--period',
      '2026-Q2',
      '--metric',
      'total_revenue',
      '--compare',
      'previous',
      '--format',
      'json',
    )
    const rows = JSON.parse(q2.out).rows as {
      period_start: string
      period_end: string
      value: number
      previous: number
    }[]
    expect(rows.map((x) => [x.period_start, x.period_end, x.value, x.previous])).toEqual([
      ['2026-04-01', '2026-06-30', 4000, 0],
    ])
    await run('config', 'set', 'fiscal_year_start_month', '2', '--db', db)
    const cal = await run(
      'metrics',
      '--db',
      db,
      '--period',
      '2026',
      '--metric',
      'total_revenue',
      '--format',
      'json',
    )
    expect(
      JSON.parse(cal.out).rows.map((x: { period_start: string; period_end: string }) => [
        x.period_start,
        x.period_end,
      ]),
    ).toEqual([['2026-01-01', '2026-12-31']])
    await run('config', 'set', 'fiscal_year_start_month', '1', '--db', db)
  })

  it('generates demo data and prints the starter seven', async () => {
    const demoDb = join(dir, 'demo.duckdb')
    const r = await run('demo', '--db', demoDb, '--as-of', '2026-06-30', '--seed', '7')
    expect(r.code).toBe(0)
    expect(r.out).toContain('The starter seven for 2026-04-01 – 2026-06-30')
    for (const name of [
      'Lead conversion rate',
      'Average deal size',
      'Win rate',
      'Quota attainment',
      'Revenue growth',
      'Pipeline coverage',
      'Customer retention rate',
    ]) {
      expect(r.out).toContain(name)
    }
  })
})

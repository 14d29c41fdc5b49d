import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Io } from '../../src/cli/io.js'
import { outputWidth } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'
import { renderTable, wrapText } from '../../src/cli/table.js'
import { fixture } from '../helpers.js'

// Tables and help fit the terminal they are shown on (io.width), and keep whole lines when
// piped (no width).
async function run(width: number | undefined, ...argv: string[]) {
  let out = ''
  let err = ''
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`)
  const io: Io = {
    isTty: false,
    today: () => '2026-06-30',
    out: (t) => void (out += line(t)),
    err: (t) => void (err += line(t)),
    ...(width === undefined ? {} : { width }),
  }
  const code = await main(argv, io)
  return { code, out, err }
}

const chars = (s: string) => [...s].length
const tooLong = (text: string, width: number) => text.split('\n').filter((l) => chars(l) > width)
/** The words of an output, borders left out. */
const words = (text: string) =>
  new Set(
    text
      .replace(/[│┌┐└┘├┤┬┴┼─]/g, ' ')
      .split(/\s+/)
      .map((w) => w.replace(/:$/, ''))
      .filter(Boolean),
  )

const dir = mkdtempSync(join(tmpdir(), 'miernik-width-'))
const db = join(dir, 'demo.duckdb')
const q2 = ['--db', db, '--period', '2026-Q2', '--as-of', '2026-06-30']

beforeAll(async () => {
  const r = await run(undefined, 'demo', '--db', db, '--as-of', '2026-06-30', '--seed', '3')
  expect(r.code).toBe(0)
}, 120_000)

const commands: [string, string[]][] = [
  ['metrics, compared and explained', ['metrics', ...q2, '--compare', 'previous', '--explain']],
  [
    'metrics by team, every metric',
    ['metrics', ...q2, '--by', 'team', '--compare', 'year_ago', '--explain'],
  ],
  [
    'metrics by quarter on a running year',
    [
      'metrics',
      '--db',
      db,
      '--period',
      '2026',
      '--grain',
      'quarter',
      '--metric',
      'stage_conversion,total_revenue',
      '--by',
      'team',
      '--as-of',
      '2026-05-15',
    ],
  ],
  ['the catalogue', ['metrics', '--list']],
  ['quality', ['quality', '--db', db, '--as-of', '2026-06-30', '--limit', '3']],
  [
    'inspect',
    ['inspect', join(fixture('crm'), 'hubspot/hubspot-deals-excel.csv'), '--preset', 'hubspot'],
  ],
]

describe('output that fits the terminal', () => {
  for (const [what, argv] of commands) {
    for (const width of [80, 120]) {
      it(`${what}: no line longer than ${width}`, async () => {
        const r = await run(width, ...argv)
        expect(r.code).toBe(0)
        expect(tooLong(r.out, width)).toEqual([])
      })
    }
  }

  it('piped (no width): whole lines, as with all the room in the world', async () => {
    const argv = ['metrics', ...q2, '--compare', 'previous', '--explain']
    const piped = await run(undefined, ...argv)
    expect(piped.out).toBe((await run(100_000, ...argv)).out)
    // The formula is a column, each on its row's line.
    const winRate = piped.out.split('\n').find((l) => l.includes('│ Win rate '))
    expect(winRate).toMatch(
      /│ Win rate = \d+ won \/ \d+ closed|Win rate \d+\.\d% = \d+ won \/ \d+ closed/,
    )
    expect(tooLong(piped.out, 150).length).toBeGreaterThan(0)
  })

  it.each([80, 120])(
    'says at width %i what it says piped: the same words, the formulas under the table',
    async (width) => {
      const argv = ['metrics', ...q2, '--compare', 'previous', '--explain', '--by', 'segment']
      const piped = await run(undefined, ...argv)
      const narrow = await run(width, ...argv)
      const missing = [...words(piped.out)].filter((w) => !words(narrow.out).has(w))
      expect(missing).toEqual(['Formula'])
      expect(narrow.out).toContain('\nFormulas:\n')
      expect(narrow.out).toMatch(/\nsegment=SMB: Win rate \d+\.\d% = \d+ won \/ \d+ closed\n/)
    },
  )

  it('says the period once, above the table, and draws no line between rows', async () => {
    const r = await run(120, 'metrics', ...q2, '--metric', 'win_rate,total_revenue', '--by', 'team')
    const lines = r.out.trimEnd().split('\n')
    expect(lines[0]).toBe('Period: 2026-04-01 – 2026-06-30')
    expect(r.out.split('2026-04-01')).toHaveLength(2)
    // One rule under the header; the rest are rows.
    expect(lines.filter((l) => l.startsWith('├'))).toHaveLength(1)
    expect(lines[2]).toMatch(/^│ Metric\s+│ team\s+│\s+Value │/)
    expect(lines.filter((l) => l.startsWith('│ Win rate '))).toHaveLength(3)
  })

  it('keeps a period column when rows differ, saying which period is running', async () => {
    const r = await run(
      undefined,
      'metrics',
      '--db',
      db,
      '--period',
      '2026',
      '--grain',
      'quarter',
      '--metric',
      'win_rate',
      '--as-of',
      '2026-05-15',
    )
    expect(r.out).not.toContain('Period:')
    expect(r.out).toMatch(/│ Win rate │ 2026-04-01 – 2026-06-30 \(running, to 2026-05-15\) │/)
    expect(r.out).toMatch(
      /│ Win rate │ 2026-07-01 – 2026-09-30 +│ +n\/a │[^\n]*│ not started yet +│/,
    )
  })

  it('gives the reasons for a missing value in words', async () => {
    const r = await run(
      undefined,
      'metrics',
      ...q2,
      '--metric',
      'customer_acquisition_cost,forecast_accuracy',
      '--by',
      'rep',
      '--as-of',
      '2026-05-15',
    )
    expect(r.out).toContain('not available for this grouping')
    expect(r.out).not.toMatch(/\b[a-z]+_[a-z_]+\b/)
  })

  it('fits --width where no terminal says one (as the bin sends it to a server)', async () => {
    const r = await run(undefined, 'metrics', ...q2, '--explain', '--width', '70')
    expect(r.code).toBe(0)
    expect(tooLong(r.out, 70)).toEqual([])
    expect(r.out).toContain('Formulas:')
    const bad = await run(undefined, 'metrics', ...q2, '--width', 'wide')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain("--width must be a whole number of 20 or more, not 'wide'")
  })
})

describe('help', () => {
  const names = ['import', 'inspect', 'metrics', 'quality', 'demo', 'serve', 'migrate', 'copy']
  const targets = ['target', 'target set', 'target list', 'target remove']
  const forecasts = ['forecast', 'forecast snapshot']
  for (const name of [...names, 'config', ...targets, ...forecasts]) {
    it(`${name} --help has examples and fits 80 and 120 columns`, async () => {
      for (const width of [80, 120]) {
        const r = await run(width, ...name.split(' '), '--help')
        expect(r.code).toBe(0)
        expect(tooLong(r.out, width)).toEqual([])
        expect(r.out).toContain('\nExamples:\n')
        expect(r.out).toContain(`  $ miernik ${name}`)
      }
    })
  }

  it('miernik --help lists the commands with their descriptions wrapped', async () => {
    const r = await run(80, '--help')
    expect(tooLong(r.out, 80)).toEqual([])
    expect(r.out).toMatch(/\n {2}config <action> \[key\] \[value\] +read or change settings/)
    expect(r.out).toContain('$ miernik serve')
  })

  it("inspect says --entity's default once", async () => {
    const r = await run(120, 'inspect', '--help')
    const entity = r.out.split('\n').find((l) => l.includes('--entity')) ?? ''
    expect(entity.match(/default/g)).toHaveLength(1)
    expect(entity).toContain('opportunities')
  })

  it('config describes its arguments and every setting', async () => {
    const r = await run(120, 'config', '--help')
    expect(r.out).toMatch(/\n {2}action +list \(every setting\), get KEY, or set KEY VALUE\n/)
    expect(r.out).toMatch(/\n {2}key +the setting to get or set/)
    expect(r.out).toMatch(/\n {2}value +the new value, with set\n/)
    for (const key of ['base_currency', 'fiscal_year_start_month', 'customer_lifetime_years'])
      expect(r.out).toMatch(new RegExp(`\\n  ${key}: \\S`))
  })
})

describe('table layout', () => {
  it('wraps at spaces and breaks only a word longer than the column', () => {
    expect(wrapText('Customer acquisition cost', 12)).toEqual(['Customer', 'acquisition', 'cost'])
    expect(wrapText('stage=Qualification', 8)).toEqual(['stage=Qu', 'alificat', 'ion'])
  })

  it('shows rows as blocks when the columns cannot fit side by side', () => {
    const columns = Array.from({ length: 12 }, (_, i) => ({ head: `column${i}`, wrap: true }))
    const text = renderTable(columns, [columns.map((c) => `${c.head} value`)], 40)
    expect(tooLong(text, 40)).toEqual([])
    expect(text.split('\n')[0]).toBe('column0: column0 value')
  })

  it('reads the width of a terminal, else COLUMNS, else none', () => {
    expect(outputWidth({ isTTY: true, columns: 99 }, { COLUMNS: '70' })).toBe(99)
    expect(outputWidth({ isTTY: false }, { COLUMNS: '70' })).toBe(70)
    expect(outputWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBeUndefined()
    expect(outputWidth({}, {})).toBeUndefined()
  })
})

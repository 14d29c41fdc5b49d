/**
 * Writes examples/worked/: one folder per worked example of design.md §4, as native files
 * a user can import with `miernik import`, and `expected.json` (the metrics command and
 * the hand-computed rows). test/cli/worked-examples.test.ts runs each through the CLI.
 *   npx tsx scripts/gen-worked-examples.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'

type Rec = Record<string, string | number | null>
const root = new URL('../examples/worked/', import.meta.url).pathname
const pad = (p: string, i: number) => `${p}${String(i).padStart(3, '0')}`
const times = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i))
const day = (iso: string, plus: number) => {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + plus)
  return d.toISOString().slice(0, 10)
}

interface Example {
  about: string
  files: Record<string, Rec[]>
  /**
   * Imports in order, where an entity is imported more than once (snapshots): the file,
   * its entity and its --exported-at. Without them, each file once in dependency order.
   */
  imports?: { entity: string; file: string; exportedAt: string }[]
  argv: string[]
  expected: {
    metric: string
    value: number | null
    numerator?: number | null
    denominator?: number | null
    group?: Record<string, string | null>
    reason?: string
    running?: boolean
    through?: string
    previous?: number | null
    previous_through?: string
    excluded?: number
    excluded_reason?: string
  }[]
}

const won = (
  id: string,
  amount: number,
  created: string,
  closed: string,
  extra: Rec = {},
): Rec => ({
  id,
  status: 'won',
  amount,
  created_on: created,
  closed_on: closed,
  ...extra,
})
/** `n` activities of a type on a day, one an hour from 8:00, each `minutes` long. */
const hours = (type: string, on: string, n: number, minutes: number): Rec[] =>
  times(n, (i) => ({
    rep_id: 'r1',
    type,
    started_at: `${on}T${String(8 + i).padStart(2, '0')}:00:00`,
    duration_minutes: minutes,
  }))
const q2 = ['--period', '2026-Q2', '--as-of', '2026-09-30', '--format', 'json']

const examples: Record<string, Example> = {
  'total-revenue': {
    about: '100 service packages of $10,000 won in Q2 2026 → $1,000,000',
    files: {
      opportunities: times(100, (i) =>
        won(pad('o', i), 10000, '2026-03-01', day('2026-04-01', i % 90)),
      ),
    },
    argv: ['--metric', 'total_revenue', ...q2],
    expected: [{ metric: 'total_revenue', value: 1_000_000 }],
  },
  'revenue-growth': {
    about: '$800,000 won in Q1 2026, $1,000,000 in Q2 → growth 25%',
    files: {
      opportunities: [
        ...times(8, (i) => won(pad('q1-', i), 100000, '2025-12-01', day('2026-01-05', i * 10))),
        ...times(10, (i) => won(pad('q2-', i), 100000, '2026-03-01', day('2026-04-05', i * 8))),
      ],
    },
    argv: ['--metric', 'revenue_growth', ...q2],
    expected: [{ metric: 'revenue_growth', value: 0.25, numerator: 200000, denominator: 800000 }],
  },
  'average-deal-size': {
    about: '50 deals worth $500,000 in all won in the quarter → $10,000 (amounts vary)',
    files: {
      opportunities: times(50, (i) =>
        won(pad('o', i), i % 2 === 0 ? 5000 : 15000, '2026-03-01', day('2026-04-02', i)),
      ),
    },
    argv: ['--metric', 'average_deal_size', ...q2],
    expected: [{ metric: 'average_deal_size', value: 10000, numerator: 500000, denominator: 50 }],
  },
  'lead-conversion-rate': {
    about: '1,000 leads created in May 2026, 200 of them converted to opportunities → 20%',
    files: {
      leads: times(1000, (i) => ({
        id: pad('l', i),
        created_on: day('2026-05-01', i % 31),
        converted_on: i < 200 ? day('2026-05-01', (i % 31) + 10) : null,
      })),
    },
    argv: [
      '--metric',
      'lead_conversion_rate',
      '--period',
      '2026-05',
      '--as-of',
      '2026-09-30',
      '--format',
      'json',
    ],
    expected: [{ metric: 'lead_conversion_rate', value: 0.2, numerator: 200, denominator: 1000 }],
  },
  'opportunity-conversion-rate': {
    about:
      '100 opportunities created in Q2 2026, 25 of them won (closed-won), 30 lost, 45 open → 25%',
    files: {
      opportunities: times(100, (i) => ({
        id: pad('o', i),
        status: i < 25 ? 'won' : i < 55 ? 'lost' : 'open',
        amount: 1000,
        created_on: day('2026-04-01', i % 60),
        closed_on: i < 55 ? day('2026-04-01', (i % 60) + 20) : null,
      })),
    },
    argv: ['--metric', 'opportunity_conversion_rate', ...q2],
    expected: [
      { metric: 'opportunity_conversion_rate', value: 0.25, numerator: 25, denominator: 100 },
    ],
  },
  'sales-cycle-length': {
    about: '10 deals won in May 2026 after 200 days in all (11 to 29 days each) → 20 days',
    files: {
      opportunities: times(10, (i) => {
        const cycle = 11 + 2 * i // 11, 13, ..., 29: sum 200
        return won(pad('o', i), 1000, day('2026-05-31', -cycle), '2026-05-31')
      }),
    },
    argv: [
      '--metric',
      'sales_cycle_length',
      '--period',
      '2026-05',
      '--as-of',
      '2026-09-30',
      '--format',
      'json',
    ],
    expected: [{ metric: 'sales_cycle_length', value: 20, numerator: 200, denominator: 10 }],
  },
  'qualified-leads': {
    about: '500 leads in May 2026, 150 of them met the qualification criteria in May → 150',
    files: {
      leads: times(500, (i) => ({
        id: pad('l', i),
        created_on: day('2026-05-01', i % 20),
        qualified_on: i < 150 ? day('2026-05-01', (i % 20) + 5) : null,
        disqualified_on: i >= 150 && i < 300 ? day('2026-05-01', (i % 20) + 5) : null,
      })),
    },
    argv: [
      '--metric',
      'qualified_leads',
      '--period',
      '2026-05',
      '--as-of',
      '2026-09-30',
      '--format',
      'json',
    ],
    expected: [{ metric: 'qualified_leads', value: 150 }],
  },
  'pipeline-velocity': {
    about:
      '200 opportunities created in Q2 2026; 50 won and 150 lost in the quarter (win rate 25%), each win $10,000 after 25 days → 200 × 25% × $10,000 / 25 = $20,000 per day (the source text prints "200")',
    files: {
      opportunities: times(200, (i) => ({
        id: pad('o', i),
        status: i < 50 ? 'won' : 'lost',
        amount: i < 50 ? 10000 : 7000,
        created_on: day('2026-04-01', i % 60),
        closed_on: day('2026-04-01', (i % 60) + 25),
      })),
    },
    argv: ['--metric', 'pipeline_velocity', ...q2],
    expected: [{ metric: 'pipeline_velocity', value: 20000, numerator: 500000, denominator: 25 }],
  },
  'forecast-accuracy': {
    about:
      'A $900,000 commit forecast for Q2 2026 made on Mar 31; $1,000,000 won → accuracy 90%, bias −10% (under-forecast)',
    files: {
      opportunities: times(10, (i) =>
        won(pad('o', i), 100000, '2026-03-01', day('2026-04-05', i * 8)),
      ),
      forecasts: [
        {
          made_on: '2026-02-15',
          period_start: '2026-04-01',
          period_end: '2026-06-30',
          amount: 700000,
        },
        {
          made_on: '2026-03-31',
          period_start: '2026-04-01',
          period_end: '2026-06-30',
          amount: 900000,
        },
      ],
    },
    argv: ['--metric', 'forecast_accuracy,forecast_bias', ...q2],
    expected: [
      { metric: 'forecast_accuracy', value: 0.9, numerator: 1000000, denominator: 900000 },
      // (900,000 − 1,000,000) / 1,000,000: under-forecast (metric-definitions.md §11, #9).
      { metric: 'forecast_bias', value: -0.1, numerator: 1000000, denominator: 900000 },
    ],
  },
  'customer-acquisition-cost': {
    about:
      '$100,000 of marketing and sales spend in Q2 2026, 50 new customers (first subscription) → $2,000',
    files: {
      accounts: times(50, (i) => ({ id: pad('a', i), name: `Account ${i}` })),
      subscriptions: times(50, (i) => ({
        id: pad('s', i),
        account_id: pad('a', i),
        started_on: day('2026-04-01', i),
        recurring_amount: 500,
      })),
      spend: [
        {
          period_start: '2026-04-01',
          period_end: '2026-06-30',
          category: 'marketing',
          channel: 'ads',
          amount: 60000,
        },
        {
          period_start: '2026-04-01',
          period_end: '2026-06-30',
          category: 'sales',
          channel: 'team',
          amount: 40000,
        },
      ],
    },
    argv: ['--metric', 'customer_acquisition_cost', ...q2],
    expected: [
      { metric: 'customer_acquisition_cost', value: 2000, numerator: 100000, denominator: 50 },
    ],
  },
  'customer-lifetime-value': {
    about:
      'Three customers at the start of 2025 paying $5,000 a year each; one of the three leaves during the year (churn 1/3 → a lifetime of 3 years) → $5,000 × 3 = $15,000',
    files: {
      accounts: times(3, (i) => ({ id: pad('a', i), name: `Account ${i}` })),
      subscriptions: times(3, (i) => ({
        id: pad('s', i),
        account_id: pad('a', i),
        started_on: '2024-01-01',
        ended_on: i === 0 ? '2025-06-30' : null,
        recurring_amount: 5000,
        interval: 'year',
      })),
    },
    argv: [
      '--metric',
      'customer_lifetime_value',
      '--period',
      '2025',
      '--as-of',
      '2026-01-31',
      '--format',
      'json',
    ],
    expected: [
      { metric: 'customer_lifetime_value', value: 15000, numerator: 5000, denominator: 3 },
    ],
  },
  churn: {
    about:
      '500 customers at the start of Q2 2026, 30 lost and 20 new in it → churn 6% (the source text prints 2%: that is net churn), net churn 2%, retention (490 − 20) / 500 = 94%',
    files: {
      accounts: times(520, (i) => ({ id: pad('a', i), name: `Account ${i}` })),
      subscriptions: times(520, (i) => ({
        id: pad('s', i),
        account_id: pad('a', i),
        started_on: i < 500 ? '2025-01-01' : day('2026-04-01', i - 500),
        ended_on: i < 30 ? day('2026-04-01', i * 2) : null,
        recurring_amount: 100,
      })),
    },
    argv: ['--metric', 'churn_rate,net_customer_churn,customer_retention_rate', ...q2],
    expected: [
      { metric: 'churn_rate', value: 0.06, numerator: 30, denominator: 500 },
      { metric: 'net_customer_churn', value: 0.02, numerator: 10, denominator: 500 },
      { metric: 'customer_retention_rate', value: 0.94, numerator: 470, denominator: 500 },
    ],
  },
  'quota-and-productivity': {
    about:
      '20 reps with a $50,000 quota for Q2 2026; 15 win $60,000 each, 5 win $20,000 each → quota attainment 15 of 20 = 75%; $1,000,000 / 20 reps = $50,000 per rep',
    files: {
      reps: times(20, (i) => ({
        id: pad('r', i),
        name: `Rep ${i}`,
        team: i < 10 ? 'North' : 'South',
      })),
      quotas: times(20, (i) => ({
        rep_id: pad('r', i),
        period_start: '2026-04-01',
        period_end: '2026-06-30',
        amount: 50000,
      })),
      opportunities: times(20, (i) =>
        won(pad('o', i), i < 15 ? 60000 : 20000, '2026-03-01', day('2026-04-10', i), {
          owner_id: pad('r', i),
        }),
      ),
    },
    argv: ['--metric', 'quota_attainment_rate,rep_productivity', ...q2],
    expected: [
      { metric: 'quota_attainment_rate', value: 0.75, numerator: 15, denominator: 20 },
      { metric: 'rep_productivity', value: 50000, numerator: 1000000, denominator: 20 },
    ],
  },
  'time-spent-selling': {
    about:
      'A rep worked 40 hours in a week of May 2026: 30 on calls, meetings and demos, 10 on admin → 75%',
    files: {
      reps: [{ id: 'r1', name: 'Rep 1' }],
      work_time: [
        { rep_id: 'r1', period_start: '2026-05-04', period_end: '2026-05-08', hours: 40 },
      ],
      activities: [
        ...hours('call', '2026-05-04', 10, 60),
        ...hours('meeting', '2026-05-05', 10, 90),
        ...hours('demo', '2026-05-06', 5, 60),
        ...hours('admin', '2026-05-07', 10, 60),
      ],
    },
    argv: [
      '--metric',
      'time_spent_selling',
      '--period',
      '2026-05',
      '--as-of',
      '2026-09-30',
      '--format',
      'json',
    ],
    expected: [{ metric: 'time_spent_selling', value: 0.75, numerator: 30, denominator: 40 }],
  },
  'running-quarter': {
    about:
      'Q2 2026 read as of May 15 (45 days run): $600,000 won so far against $400,000 in the first 45 days of Q1 → +50% like for like (the whole of Q1, $800,000, would say −25%)',
    files: {
      opportunities: [
        ...[
          '2026-01-11',
          '2026-01-14',
          '2026-01-17',
          '2026-02-12',
          '2026-02-15',
          '2026-02-18',
          '2026-03-13',
          '2026-03-16',
        ].map((closed, i) => won(pad('q1-', i), 100000, '2025-12-01', closed)),
        ...[
          '2026-04-11',
          '2026-04-14',
          '2026-04-17',
          '2026-04-20',
          '2026-05-12',
          '2026-05-15',
          '2026-05-18',
          '2026-06-13',
        ].map((closed, i) => won(pad('q2-', i), 100000, '2026-01-02', closed)),
      ],
    },
    argv: [
      '--metric',
      'total_revenue,revenue_growth',
      '--period',
      '2026-Q2',
      '--as-of',
      '2026-05-15',
      '--compare',
      'previous',
      '--format',
      'json',
    ],
    expected: [
      {
        metric: 'total_revenue',
        value: 600000,
        running: true,
        through: '2026-05-15',
        previous: 400000,
        previous_through: '2026-02-14',
      },
      {
        metric: 'revenue_growth',
        value: 0.5,
        numerator: 200000,
        denominator: 400000,
        running: true,
      },
    ],
  },
  'future-quarter': {
    about: 'Q3 2026 read as of May 15 has not started: no figure, not 0 and not −100%',
    files: {
      opportunities: [won('a', 100000, '2026-03-01', '2026-04-20')],
    },
    argv: [
      '--metric',
      'total_revenue,revenue_growth,win_rate',
      '--period',
      '2026-Q3',
      '--as-of',
      '2026-05-15',
      '--format',
      'json',
    ],
    expected: [
      { metric: 'total_revenue', value: null, reason: 'not_started' },
      { metric: 'revenue_growth', value: null, reason: 'not_started' },
      { metric: 'win_rate', value: null, reason: 'not_started' },
    ],
  },
  'reopened-deal': {
    about:
      'A deal won on Apr 15 for $100 (export of May 1) is reopened by December (export of Dec 5): Q2 read as of Jun 30 still has its $100',
    files: {},
    imports: [
      { entity: 'opportunities', file: 'opportunities-2026-05-01.csv', exportedAt: '2026-05-01' },
      { entity: 'opportunities', file: 'opportunities-2026-12-05.csv', exportedAt: '2026-12-05' },
    ],
    argv: [
      '--metric',
      'total_revenue',
      '--period',
      '2026-Q2',
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    ],
    expected: [{ metric: 'total_revenue', value: 100 }],
  },
  'team-move': {
    about:
      'r1 sells $100 in May for North and moves to South on Nov 1 (reps re-exported then): Q2 by team stays North $101, Q4 is South $10',
    files: {},
    imports: [
      { entity: 'reps', file: 'reps-2026-03-01.csv', exportedAt: '2026-03-01' },
      { entity: 'opportunities', file: 'opportunities.csv', exportedAt: '2026-11-20' },
      { entity: 'reps', file: 'reps-2026-11-01.csv', exportedAt: '2026-11-01' },
    ],
    argv: [
      '--metric',
      'total_revenue',
      '--from',
      '2026-04-01',
      '--to',
      '2026-12-31',
      '--grain',
      'quarter',
      '--by',
      'team',
      '--as-of',
      '2026-12-31',
      '--format',
      'json',
    ],
    expected: [
      { metric: 'total_revenue', group: { team: 'North' }, value: 101 },
      // Nothing was sold in Q3: one row saying so.
      { metric: 'total_revenue', group: { team: null }, value: null, reason: 'no_data' },
      { metric: 'total_revenue', group: { team: 'South' }, value: 10 },
    ],
  },
  'overlapping-quotas': {
    about:
      'A rep with a Q2 quota of $3,000 and monthly rows of $1,000 wins $3,000: attainment 100% of $3,000, never of $6,000',
    files: {
      reps: [{ id: 'r1', name: 'Rep 1' }],
      quotas: [
        { rep_id: 'r1', period_start: '2026-04-01', period_end: '2026-06-30', amount: 3000 },
        { rep_id: 'r1', period_start: '2026-04-01', period_end: '2026-04-30', amount: 1000 },
        { rep_id: 'r1', period_start: '2026-05-01', period_end: '2026-05-31', amount: 1000 },
        { rep_id: 'r1', period_start: '2026-06-01', period_end: '2026-06-30', amount: 1000 },
      ],
      opportunities: [won('a', 3000, '2026-04-01', '2026-05-10', { owner_id: 'r1' })],
    },
    argv: ['--metric', 'quota_attainment_rate', '--by', 'rep', ...q2],
    expected: [
      {
        metric: 'quota_attainment_rate',
        group: { rep: 'r1' },
        value: 1,
        numerator: 3000,
        denominator: 3000,
      },
    ],
  },
  'same-day-deals': {
    about:
      '10 deals won in Q2: 5 signed the day they were created (0 days), 5 after 10 days, 1 closed before it was created → cycle 50 / 10 = 5 days, 1 excluded',
    files: {
      opportunities: [
        ...times(5, (i) => won(pad('same', i), 1000, '2026-04-10', '2026-04-10')),
        ...times(5, (i) => won(pad('ten', i), 1000, '2026-04-10', '2026-04-20')),
        won('backwards', 1000, '2026-05-10', '2026-05-01'),
      ],
    },
    argv: ['--metric', 'sales_cycle_length', ...q2],
    expected: [
      {
        metric: 'sales_cycle_length',
        value: 5,
        numerator: 50,
        denominator: 10,
        excluded: 1,
        excluded_reason: 'negative_cycle',
      },
    ],
  },
}

/** The files of examples imported as snapshots, by example and file name. */
const snapshots: Record<string, Record<string, Rec[]>> = {
  'reopened-deal': {
    'opportunities-2026-05-01.csv': [won('w', 100, '2026-03-01', '2026-04-15')],
    'opportunities-2026-12-05.csv': [
      {
        id: 'w',
        status: 'open',
        amount: 100,
        created_on: '2026-03-01',
        expected_close_on: '2027-01-31',
      },
    ],
  },
  'team-move': {
    'reps-2026-03-01.csv': [
      { id: 'r1', name: 'Rep 1', team: 'North', active_from: '2026-01-01' },
      { id: 'r2', name: 'Rep 2', team: 'North', active_from: '2026-01-01' },
    ],
    'reps-2026-11-01.csv': [
      { id: 'r1', name: 'Rep 1', team: 'South', active_from: '2026-01-01' },
      { id: 'r2', name: 'Rep 2', team: 'North', active_from: '2026-01-01' },
    ],
    'opportunities.csv': [
      won('a', 100, '2026-04-01', '2026-05-10', { owner_id: 'r1' }),
      won('b', 10, '2026-10-20', '2026-11-15', { owner_id: 'r1' }),
      won('c', 1, '2026-04-01', '2026-05-11', { owner_id: 'r2' }),
    ],
  },
}

const csv = (records: Rec[]) => {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))]
  return stringify([columns, ...records.map((r) => columns.map((c) => r[c] ?? ''))])
}

rmSync(root, { recursive: true, force: true })
for (const [name, example] of Object.entries(examples)) {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  for (const [entity, records] of Object.entries(example.files))
    writeFileSync(join(dir, `${entity}.csv`), csv(records))
  for (const [file, records] of Object.entries(snapshots[name] ?? {}))
    writeFileSync(join(dir, file), csv(records))
  const { about, argv, expected, imports } = example
  writeFileSync(
    join(dir, 'expected.json'),
    `${JSON.stringify({ about, ...(imports ? { imports } : {}), argv: ['metrics', ...argv], expected }, null, 2)}\n`,
  )
}
console.log(`examples/worked: ${Object.keys(examples).length} worked examples written`)

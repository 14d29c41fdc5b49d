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
  argv: string[]
  expected: {
    metric: string
    value: number | null
    numerator?: number | null
    denominator?: number | null
    group?: Record<string, string>
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
    about: 'A $900,000 commit forecast for Q2 2026 made on Mar 31; $1,000,000 won → 90%',
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
    argv: ['--metric', 'forecast_accuracy', ...q2],
    expected: [
      { metric: 'forecast_accuracy', value: 0.9, numerator: 1000000, denominator: 900000 },
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
}

rmSync(root, { recursive: true, force: true })
for (const [name, example] of Object.entries(examples)) {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  for (const [entity, records] of Object.entries(example.files)) {
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))]
    writeFileSync(
      join(dir, `${entity}.csv`),
      stringify([columns, ...records.map((r) => columns.map((c) => r[c] ?? ''))]),
    )
  }
  const { about, argv, expected } = example
  writeFileSync(
    join(dir, 'expected.json'),
    `${JSON.stringify({ about, argv: ['metrics', ...argv], expected }, null, 2)}\n`,
  )
}
console.log(`examples/worked: ${Object.keys(examples).length} worked examples written`)

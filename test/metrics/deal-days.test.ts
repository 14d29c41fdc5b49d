import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ResultRow } from '../../src/contracts/result-row.js'
import { generateDemoAnywhere } from '../../src/demo/demo-anywhere.js'
import { importFile } from '../../src/ingest/import-file.js'
import { catalog } from '../../src/metrics/catalog.js'
import { compute } from '../../src/metrics/compute.js'
import type { MetricQuery } from '../../src/metrics/query-schema.js'
import { dealDaysView } from '../../src/metrics/fact-views/deal-days.js'
import {
  closedCount,
  createdCount,
  createdWonCount,
  wonCycle,
  wonRevenue,
} from '../../src/metrics/measures.js'
import { measureSchema, type Dimension, type Measure } from '../../src/metrics/metric-schema.js'
import { catchUpDealDays, dealDaysCurrent } from '../../src/model/deal-days.js'
import { bumpDataVersion, dealDaysVersionKey } from '../../src/store/data-version.js'
import { migrate } from '../../src/store/migrate.js'
import { openStore } from '../../src/store/open-store.js'
import { writeSetting } from '../../src/store/settings.js'
import type { Store } from '../../src/store/store.js'
import pg from 'pg'
import { memoryLocation, pgUrl, testEngine } from '../engine.js'
import { emptyStore, importDir, writeFile, writeFixture } from '../helpers.js'

// The closed-window measures read deals pre-aggregated per close day (closed_deals_daily)
// while that table is current. Every figure must be the one the deals themselves give:
// each query here is computed both ways (the table marked stale sends the metrics back to
// the deals) and the rows compared whole; the statements run say which way each went.

/**
 * Rows of a query computed from the deals per day and from the deals, and which tables each
 * way read (readTable: closed_deals_daily, readCreated: created_deals_daily).
 */
async function bothWays(store: Store, query: MetricQuery) {
  const seen: string[] = []
  const query0 = store.query.bind(store)
  store.query = async (sql, params) => {
    seen.push(sql)
    return query0(sql, params)
  }
  try {
    expect(await dealDaysCurrent(store)).toBe(true)
    const daily = await compute(store, query)
    const readTable = seen.some((s) => s.includes('closed_deals_daily'))
    const readCreated = seen.some((s) => s.includes('created_deals_daily'))
    const [marker] = await query0(`SELECT "value" FROM settings WHERE "key" = $1`, [
      dealDaysVersionKey,
    ])
    await store.run(`UPDATE settings SET "value" = 'stale' WHERE "key" = $1`, [dealDaysVersionKey])
    seen.length = 0
    const direct = await compute(store, query)
    const directReadTable = seen.some((s) => /(closed|created)_deals_daily/.test(s))
    await store.run(`UPDATE settings SET "value" = $1 WHERE "key" = $2`, [
      String(marker?.value),
      dealDaysVersionKey,
    ])
    return { daily, direct, readTable, readCreated, directReadTable }
  } finally {
    store.query = query0
  }
}

const metrics = catalog.map((m) => m.id)

describe('deals per close day and the deals give the same rows (demo company)', () => {
  const asOf = '2026-09-30'
  let store: Store
  beforeAll(async () => {
    store = await openStore(memoryLocation(), { create: true })
    await generateDemoAnywhere(store, { seed: 42, scale: 1, asOf })
  }, 240_000)
  afterAll(() => store.close())

  const cases: [string, Partial<MetricQuery>][] = [
    [
      'four quarters, the whole catalogue',
      { from: '2025-10-01', to: '2026-09-30', grain: 'quarter' },
    ],
    ['by rep', { from: '2026-07-01', to: '2026-09-30', by: ['rep'] }],
    [
      'by team (a team of the close date)',
      { from: '2026-01-01', to: '2026-09-30', grain: 'quarter', by: ['team'] },
    ],
    ['by team and rep', { from: '2026-04-01', to: '2026-06-30', by: ['team', 'rep'] }],
    [
      'months of a running quarter',
      { from: '2026-07-01', to: '2026-09-30', grain: 'month', asOf: '2026-08-17' },
    ],
    ['a year by month', { from: '2025-10-01', to: '2026-09-30', grain: 'month' }],
  ]
  it.each(cases)(
    '%s',
    async (_, q) => {
      const query = { metrics, asOf, ...q } as MetricQuery
      const { daily, direct, readTable, readCreated, directReadTable } = await bothWays(
        store,
        query,
      )
      expect(readTable).toBe(true)
      // Deals closed after an as-of date were open then: the deals by creation day are not read.
      expect(readCreated).toBe(query.asOf === asOf)
      expect(directReadTable).toBe(false)
      expect(daily.length).toBeGreaterThan(0)
      expect(daily).toEqual(direct)
      // Something was counted: revenue and win rate have figures.
      const revenue = daily.filter((r) => r.metric === 'total_revenue' && Number(r.value) > 0)
      expect(revenue.length).toBeGreaterThan(0)
    },
    120_000,
  )

  it('filtered by a rep and by a team: read from the table, the same rows', async () => {
    const [rep] = await store.query(
      `SELECT owner_id FROM opportunities WHERE status = 'won' GROUP BY owner_id ORDER BY COUNT(*) DESC, owner_id LIMIT 1`,
    )
    const [team] = await store.query(
      `SELECT team FROM reps WHERE team IS NOT NULL ORDER BY team LIMIT 1`,
    )
    for (const filters of [{ rep: [String(rep?.owner_id)] }, { team: [String(team?.team)] }]) {
      const q = { metrics, asOf, from: '2026-04-01', to: '2026-09-30', grain: 'quarter', filters }
      const { daily, direct, readTable, readCreated } = await bothWays(store, q as MetricQuery)
      expect(readTable).toBe(true)
      expect(readCreated).toBe(true)
      expect(daily).toEqual(direct)
    }
  }, 120_000)

  it('by segment or source: the deals are read (the table keeps neither)', async () => {
    for (const by of [['segment'], ['source']] as Dimension[][]) {
      const q = {
        metrics: ['total_revenue', 'win_rate'],
        asOf,
        from: '2026-07-01',
        to: '2026-09-30',
        by,
      }
      const { daily, direct, readTable } = await bothWays(store, q as MetricQuery)
      expect(readTable).toBe(false)
      expect(daily).toEqual(direct)
    }
  }, 60_000)
})

describe('deals per close day: bad data, as-of dates, currencies', () => {
  // Q2 2026, read as of June 30 unless said. Rates: EUR 1.10 until May 31, 1.20 from June 1.
  const deals = [
    // Won in USD and EUR; the EUR ones at their close day's rate.
    {
      id: 'w1',
      owner_id: 'ann',
      status: 'won',
      amount: 1000,
      currency: 'USD',
      created_on: '2026-03-01',
      closed_on: '2026-04-10',
    },
    {
      id: 'w2',
      owner_id: 'ann',
      status: 'won',
      amount: 2000,
      currency: 'USD',
      created_on: '2026-04-01',
      closed_on: '2026-04-10',
    },
    {
      id: 'w3',
      owner_id: 'bob',
      status: 'won',
      amount: 100,
      currency: 'EUR',
      created_on: '2026-04-01',
      closed_on: '2026-05-20',
    },
    {
      id: 'w4',
      owner_id: 'bob',
      status: 'won',
      amount: 100,
      currency: 'EUR',
      created_on: '2026-04-01',
      closed_on: '2026-06-20',
    },
    // Won without an amount: counted as won, left out of revenue (excluded, no_amount).
    {
      id: 'w5',
      owner_id: 'ann',
      status: 'won',
      amount: null,
      currency: 'USD',
      created_on: '2026-04-01',
      closed_on: '2026-05-01',
    },
    // Closed before it was created: a negative cycle, left out of the mean.
    {
      id: 'w6',
      owner_id: 'bob',
      status: 'won',
      amount: 500,
      currency: 'USD',
      created_on: '2026-05-10',
      closed_on: '2026-05-05',
    },
    // Closed in June but created in July: not there yet as of June 30, there as of July 31.
    {
      id: 'w7',
      owner_id: 'bob',
      status: 'won',
      amount: 700,
      currency: 'USD',
      created_on: '2026-07-15',
      closed_on: '2026-06-25',
    },
    // Closed after June 30: open as of then.
    {
      id: 'w8',
      owner_id: 'ann',
      status: 'won',
      amount: 900,
      currency: 'USD',
      created_on: '2026-04-01',
      closed_on: '2026-07-02',
    },
    {
      id: 'l1',
      owner_id: 'ann',
      status: 'lost',
      amount: 300,
      currency: 'USD',
      created_on: '2026-04-01',
      closed_on: '2026-06-01',
    },
    {
      id: 'l2',
      owner_id: null,
      status: 'lost',
      amount: 300,
      currency: 'USD',
      created_on: '2026-04-01',
      closed_on: '2026-06-30',
    },
    {
      id: 'o1',
      owner_id: 'ann',
      status: 'open',
      amount: 400,
      currency: 'USD',
      created_on: '2026-04-01',
      closed_on: null,
    },
  ]
  const fx_rates = [
    { currency: 'EUR', on: '2026-01-01', rate: 1.1 },
    { currency: 'EUR', on: '2026-06-01', rate: 1.2 },
  ]
  const reps = [
    { id: 'ann', name: 'Ann', team: 'north' },
    { id: 'bob', name: 'Bob', team: 'south' },
  ]
  const outcomes = [
    'total_revenue',
    'win_rate',
    'average_deal_size',
    'sales_cycle_length',
    'lost_deal_rate',
    'opportunity_conversion_rate',
  ]
  const valueOf = (rows: ResultRow[], metric: string, group: Record<string, string | null> = {}) =>
    rows.find(
      (r) => r.metric === metric && Object.entries(group).every(([k, v]) => r.group[k] === v),
    )

  it('Q2 as of June 30: hand-computed, and the same from the deals', async () => {
    const store = await emptyStore()
    await importDir(store, writeFixture({ reps, fx_rates, opportunities: deals }))
    const q = { metrics: outcomes, from: '2026-04-01', to: '2026-06-30', asOf: '2026-06-30' }
    const { daily, direct, readTable, readCreated } = await bothWays(store, q as MetricQuery)
    expect(readTable).toBe(true)
    // w8 closed on July 2, after the as-of date: the deals by creation day would count it won.
    expect(readCreated).toBe(false)
    expect(daily).toEqual(direct)
    // Created in Q2: w2-w6, w8, l1, l2, o1 (9); won by June 30: w2-w6 (5).
    expect(valueOf(daily, 'opportunity_conversion_rate')).toMatchObject({
      numerator: 5,
      denominator: 9,
    })
    // 1000 + 2000 + 100 × 1.10 + 100 × 1.20 + 500 = 3730; w7 not created yet, w8 not closed.
    expect(valueOf(daily, 'total_revenue')).toMatchObject({
      value: 3730,
      excluded: 1,
    })
    // Won w1-w6 (6) of closed w1-w6, l1, l2 (8).
    expect(valueOf(daily, 'win_rate')).toMatchObject({ numerator: 6, denominator: 8 })
    // Cycles 40, 9, 49, 80, 30 days (w6 negative, left out): 208 / 5.
    expect(valueOf(daily, 'sales_cycle_length')).toMatchObject({ numerator: 208, denominator: 5 })
    expect(Number(valueOf(daily, 'sales_cycle_length')?.value)).toBeCloseTo(41.6, 10)
    // Lost l1, l2 of 8 closed.
    expect(valueOf(daily, 'lost_deal_rate')).toMatchObject({ numerator: 2, denominator: 8 })
  })

  it('as of July 31, by rep and team: the late-created deal and the July close count', async () => {
    const store = await emptyStore()
    await importDir(store, writeFixture({ reps, fx_rates, opportunities: deals }))
    for (const by of [['rep'], ['team'], []] as Dimension[][]) {
      const q = {
        metrics: outcomes,
        from: '2026-04-01',
        to: '2026-09-30',
        grain: 'quarter',
        asOf: '2026-07-31',
        by,
      }
      const { daily, direct, readTable, readCreated } = await bothWays(store, q as MetricQuery)
      expect(readTable).toBe(true)
      expect(readCreated).toBe(true)
      expect(daily).toEqual(direct)
      if (by.length === 0) {
        // Q2: w8 won by July 31 too (6 of 9); Q3: w7, created July 15 and won (1 of 1).
        const conversion = daily.filter((r) => r.metric === 'opportunity_conversion_rate')
        expect(conversion.map((r) => [r.period_start, r.numerator, r.denominator])).toEqual([
          ['2026-04-01', 6, 9],
          ['2026-07-01', 1, 1],
        ])
      }
    }
    const q = {
      metrics: ['total_revenue'],
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: '2026-07-31',
      by: ['rep'],
    }
    const { daily } = await bothWays(store, q as MetricQuery)
    // Bob: 110 + 120 + 500 + 700 (w7, created by July 31); Ann: 3000.
    expect(valueOf(daily, 'total_revenue', { rep: 'bob' })?.value).toBe(1430)
    expect(valueOf(daily, 'total_revenue', { rep: 'ann' })?.value).toBe(3000)
  })

  it('a deal reopened after the as-of date: the change log is read, not the table', async () => {
    const store = await emptyStore()
    await importDir(store, writeFixture({ reps, fx_rates, opportunities: deals }))
    // w1 lost on August 3 (a second export): as of June 30 it was still won.
    const later = deals.map((d) =>
      d.id === 'w1' ? { ...d, status: 'lost', closed_on: '2026-08-03' } : d,
    )
    await importFile(store, 'opportunities', writeFile('opportunities.csv', toCsvText(later)), {
      observedAt: '2026-08-03T09:00:00Z',
    })
    const q = { metrics: outcomes, from: '2026-04-01', to: '2026-06-30', asOf: '2026-06-30' }
    const { daily, direct, readTable } = await bothWays(store, q as MetricQuery)
    expect(readTable).toBe(false)
    expect(daily).toEqual(direct)
    expect(valueOf(daily, 'total_revenue')?.value).toBe(3730)
    // As of September 30 the log has nothing later: the table again, without w1.
    const now = { ...q, asOf: '2026-09-30' }
    const after = await bothWays(store, now as MetricQuery)
    expect(after.readTable).toBe(true)
    expect(after.daily).toEqual(after.direct)
    expect(valueOf(after.daily, 'total_revenue')?.value).toBe(2730 + 700)
  })
})

describe('deals per close day follow every write', () => {
  const deal = (id: string, status: string, amount: number, closed: string) => ({
    id,
    owner_id: 'ann',
    status,
    amount,
    currency: 'USD',
    created_on: '2026-04-01',
    closed_on: closed,
  })
  const revenue = async (store: Store) =>
    (
      await compute(store, {
        metrics: ['total_revenue'],
        from: '2026-04-01',
        to: '2026-06-30',
        asOf: '2026-09-30',
      })
    )[0]?.value

  /** A new database holding these deals, imported. */
  const storeWithDeals = async (...deals: ReturnType<typeof deal>[]) => {
    const store = await emptyStore()
    await importFile(store, 'opportunities', writeFile('opportunities.csv', toCsvText(deals)))
    return store
  }

  it('an import of deals rebuilds them; other writes keep them current; an unsaid write makes them stale', async () => {
    const store = await storeWithDeals(deal('a', 'won', 100, '2026-05-01'))
    expect(await dealDaysCurrent(store)).toBe(true)
    expect(await revenue(store)).toBe(100)
    // A second export: a changed, b new.
    await importFile(
      store,
      'opportunities',
      writeFile(
        'opportunities.csv',
        toCsvText([deal('a', 'won', 250, '2026-05-01'), deal('b', 'won', 50, '2026-06-01')]),
      ),
      { observedAt: '2026-07-01T00:00:00Z' },
    )
    expect(await dealDaysCurrent(store)).toBe(true)
    expect(await revenue(store)).toBe(300)
    // A setting, reps: the deals are as they were.
    await writeSetting(store, 'customer_lifetime_years', '3')
    await importFile(store, 'reps', writeFile('reps.csv', 'id,name,team\nann,Ann,north\n'))
    expect(await dealDaysCurrent(store)).toBe(true)
    // A write that does not say it kept the deals: the table is no longer trusted.
    await bumpDataVersion(store)
    expect(await dealDaysCurrent(store)).toBe(false)
    expect(await revenue(store)).toBe(300)
    // The next import of anything rebuilds them.
    await importFile(store, 'reps', writeFile('reps.csv', 'id,name,team\nbob,Bob,south\n'))
    expect(await dealDaysCurrent(store)).toBe(true)
    expect(await revenue(store)).toBe(300)
  })

  it('a write stopped between its two version statements, or a write of deals between them, leaves the table stale', async () => {
    const store = await storeWithDeals(deal('a', 'won', 100, '2026-05-01'))
    expect(await dealDaysCurrent(store)).toBe(true)
    // A setting's write stopped after its first statement (outside a transaction), then a
    // write of deals whose catch-up has not run: the table must not pass for current.
    let calls = 0
    const stopping = {
      run: async (sql: string, params?: readonly unknown[]) => {
        if (calls++ === 1) throw new Error('stopped')
        await store.run(sql, params)
      },
    }
    await expect(bumpDataVersion(stopping, { dealsKept: true })).rejects.toThrow('stopped')
    await bumpDataVersion(store)
    expect(await dealDaysCurrent(store)).toBe(false)
    await catchUpDealDays(store)
    expect(await dealDaysCurrent(store)).toBe(true)
    // Another session's write of deals between the two statements.
    calls = 0
    const interleaved = {
      run: async (sql: string, params?: readonly unknown[]) => {
        await store.run(sql, params)
        if (calls++ === 0) await bumpDataVersion(store)
      },
    }
    await bumpDataVersion(interleaved, { dealsKept: true })
    expect(await dealDaysCurrent(store)).toBe(false)
  })

  it('a reader on the writing connection never sees the tables half rebuilt', async () => {
    const store = await storeWithDeals(
      deal('a', 'won', 100, '2026-05-01'),
      deal('b', 'lost', 7, '2026-05-02'),
    )
    await bumpDataVersion(store)
    // After every statement of the catch-up, a read on the same connection (as DuckDB's
    // serve and PGlite run a computation beside a write) counts the tables' deals.
    const seen: number[][] = []
    const run0 = store.run.bind(store)
    store.run = async (sql, params) => {
      await run0(sql, params)
      const [n] = await store.query(
        `SELECT (SELECT SUM(deals) FROM closed_deals_daily) AS closed,
                (SELECT SUM(deals) FROM created_deals_daily) AS created`,
      )
      seen.push([Number(n?.closed), Number(n?.created)])
    }
    try {
      await catchUpDealDays(store)
    } finally {
      store.run = run0
    }
    expect(await dealDaysCurrent(store)).toBe(true)
    expect(seen.length).toBeGreaterThan(3)
    expect(new Set(seen.map((c) => c.join()))).toEqual(new Set(['2,2']))
  })

  it.runIf(testEngine === 'postgres')(
    'a migration waits for an import holding the write lock (another process on the database)',
    async () => {
      const location = memoryLocation()
      const store = await openStore(location, { create: true })
      const holder = await openStore(location)
      const watcher = new pg.Client({ connectionString: pgUrl })
      await watcher.connect()
      try {
        await importFile(
          store,
          'opportunities',
          writeFile('opportunities.csv', toCsvText([deal('a', 'won', 100, '2026-05-01')])),
        )
        await store.run('DROP TABLE closed_deals_daily')
        await store.run('DELETE FROM schema_migrations WHERE version = 11')
        const [me] = await store.query('SELECT pg_backend_pid() AS pid')
        let held = () => {}
        let release = () => {}
        const holding = new Promise<void>((resolve) => (held = resolve))
        const released = new Promise<void>((resolve) => (release = resolve))
        const writing = holder.transaction(async () => {
          await holder.lockForWrite()
          held()
          await released
        })
        await holding
        let settled = false
        const migrating = migrate(store).finally(() => (settled = true))
        // Until the migration is seen waiting for that lock; finishing first is the failure.
        let waiting = false
        while (!waiting && !settled) {
          const { rows } = await watcher.query(
            `SELECT COUNT(*) AS n FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND NOT granted`,
            [me?.pid],
          )
          waiting = Number(rows[0]?.n) > 0
        }
        release()
        await writing
        await migrating
        expect(waiting).toBe(true)
        expect(await dealDaysCurrent(store)).toBe(true)
        expect(await revenue(store)).toBe(100)
      } finally {
        await watcher.end()
        await holder.close()
        await store.close()
      }
    },
  )

  it('a rejected import leaves the table and its version as they were', async () => {
    const store = await storeWithDeals(deal('a', 'won', 100, '2026-05-01'))
    const bad = toCsvText([deal('a', 'won', 999, '2026-05-01'), deal('b', 'won', 1, 'not a date')])
    await expect(
      importFile(store, 'opportunities', writeFile('opportunities.csv', bad), {
        observedAt: '2026-07-01T00:00:00Z',
      }),
    ).rejects.toThrow()
    expect(await dealDaysCurrent(store)).toBe(true)
    expect(await revenue(store)).toBe(100)
    const rows = await store.query('SELECT deals, amount FROM closed_deals_daily')
    expect(rows.map((r) => [Number(r.deals), Number(r.amount)])).toEqual([[1, 100]])
  })

  it('a database from before the table gets it filled by its migration', async () => {
    const store = await storeWithDeals(
      deal('a', 'won', 100, '2026-05-01'),
      deal('b', 'lost', 7, '2026-05-02'),
    )
    // As version 10 left it: no table, no version.
    await store.run('DROP TABLE closed_deals_daily')
    await store.run(`DELETE FROM settings WHERE "key" = $1`, [dealDaysVersionKey])
    await store.run('DELETE FROM schema_migrations WHERE version = 11')
    expect(await dealDaysCurrent(store)).toBe(false)
    await migrate(store)
    expect(await dealDaysCurrent(store)).toBe(true)
    const q = {
      metrics: ['total_revenue', 'win_rate'],
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: '2026-09-30',
    }
    const { daily, direct, readTable } = await bothWays(store, q as MetricQuery)
    expect(readTable).toBe(true)
    expect(daily).toEqual(direct)
    expect(daily.find((r) => r.metric === 'win_rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
    })
  })
})

describe('which scans the deals per day answer (dealDaysView)', () => {
  const parse = (m: object) => measureSchema.parse(m) as Measure
  const fits = (
    measure: object,
    dims: Dimension[] = [],
    lastChange: string | null = null,
    lastClose: string | null = '2026-06-30',
  ) =>
    dealDaysView({
      measures: [{ measure: parse(measure) }],
      dims: new Set(dims),
      asOf: '2026-06-30',
      lastChange,
      days: { lastClose },
    }) !== null

  it('deals created in the period: counts by status, while no deal closed after the as-of date', () => {
    expect(fits(createdWonCount, ['rep', 'team'])).toBe(true)
    expect(fits(createdCount, [], null, null)).toBe(true)
    expect(fits(createdWonCount, [], null, '2026-07-01')).toBe(false)
    expect(fits({ ...createdCount, where: { amount: { isNull: true } } })).toBe(false)
    expect(
      fits({ agg: 'sum', source: 'opportunities', column: 'amount_base', date: 'created_on' }),
    ).toBe(false)
    expect(fits(createdCount, ['source'])).toBe(false)
  })

  it('closed-window counts, money and cycles, by rep and team', () => {
    expect(fits(wonRevenue)).toBe(true)
    expect(fits(wonCycle, ['rep', 'team'])).toBe(true)
    expect(fits(closedCount, ['team'], '2026-06-30')).toBe(true)
  })
  it('not: other dims, a later change, other windows, columns or conditions', () => {
    expect(fits(wonRevenue, ['segment'])).toBe(false)
    expect(fits(wonRevenue, ['rep', 'product'])).toBe(false)
    expect(fits(wonRevenue, [], '2026-07-01')).toBe(false)
    expect(fits({ ...wonRevenue, date: 'created_on' })).toBe(false)
    expect(fits({ ...wonRevenue, date: 'expected_close_on' })).toBe(false)
    expect(fits(wonRevenue, [], null, '2026-07-01')).toBe(true)
    expect(fits({ ...wonRevenue, window: 'open_at_ref', date: 'expected_close_on' })).toBe(false)
    expect(
      fits({
        agg: 'count_distinct',
        source: 'opportunities',
        column: 'account_id',
        date: 'closed_on',
        where: { status: 'won' },
      }),
    ).toBe(false)
    expect(fits({ ...wonRevenue, where: { status: 'won', source: 'web' } })).toBe(false)
    expect(fits({ ...wonRevenue, exclude: { amount: { gt: 0 } } })).toBe(false)
    expect(fits({ ...wonCycle, exclude: { cycle_days: { lt: 1 } } })).toBe(false)
    expect(fits({ ...wonRevenue, where: { constructor: 'x' } })).toBe(false)
    expect(
      fits({ agg: 'sum', source: 'opportunities', column: 'probability', date: 'closed_on' }),
    ).toBe(false)
  })
})

/** Deals as CSV text (null as an empty cell). */
function toCsvText(rows: readonly Record<string, unknown>[]): string {
  const cols = ['id', 'owner_id', 'status', 'amount', 'currency', 'created_on', 'closed_on']
  return [
    cols.join(','),
    ...rows.map((r) => cols.map((c) => (r[c] ?? '') as string).join(',')),
  ].join('\n')
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getMetric } from '../../src/metrics/catalog.js'
import { firstDates } from '../../src/metrics/data-from.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { memoryLocation } from '../engine.js'

// Each metric's first date of data as of a day (data-from.ts): the first record on or
// before the as-of date, none when every record is later. Read from a column's least value
// (DuckDB's statistics; PostgreSQL's index), so the edges are checked on every engine: the
// first record's own day, the day before it, a date-time late on its day, and a first
// record that is not won for the customers' first date.
let store: Store
beforeAll(async () => {
  store = await openStore(memoryLocation(), { create: true })
  await store.run(`INSERT INTO opportunities (id, status, amount, currency, created_on, closed_on) VALUES
    ('lost-first', 'lost', 10, 'USD', DATE '2025-12-01', DATE '2026-01-05'),
    ('won-next', 'won', 20, 'USD', DATE '2025-12-10', DATE '2026-01-11'),
    ('open', 'open', 30, 'USD', DATE '2026-02-01', NULL)`)
  await store.run(`INSERT INTO activities (id, rep_id, type, started_at, duration_minutes, selling) VALUES
    ('late', 'r1', 'call', TIMESTAMP '2026-02-03 23:30:00', 30, true),
    ('next', 'r1', 'call', TIMESTAMP '2026-02-09 09:00:00', 30, true)`)
})
afterAll(() => store.close())

const first = async (metric: string, asOf: string) =>
  (await firstDates(store, [getMetric(metric)], asOf)).get(metric) ?? null

describe('the first date of data', () => {
  it.each([
    // metric, as of, first date
    ['win_rate', '2026-01-04', null],
    ['win_rate', '2026-01-05', '2026-01-05'],
    ['win_rate', '2026-09-30', '2026-01-05'],
    ['opportunity_conversion_rate', '2025-11-30', null],
    ['opportunity_conversion_rate', '2025-12-01', '2025-12-01'],
    ['activities_logged', '2026-02-02', null],
    ['activities_logged', '2026-02-03', '2026-02-03'],
    ['activities_logged', '2026-03-01', '2026-02-03'],
  ])('%s as of %s: %s', async (metric, asOf, expected) => {
    expect(await first(metric, asOf)).toBe(expected)
  })

  it('customers date from the first won deal, not the first close', async () => {
    expect(await first('customer_retention_rate', '2026-01-10')).toBe(null)
    expect(await first('customer_retention_rate', '2026-01-11')).toBe('2026-01-11')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemo, type DemoSummary } from '../../src/demo/generate-demo.js'
import { entities, entityNames, type EntityName } from '../../src/model/entities.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'

const asOf = '2026-06-30'
const options = { seed: 42, scale: 1, asOf }

/** Order-independent fingerprint of every entity table: row count and a sum of row hashes. */
async function fingerprint(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const e of entityNames) {
    const [row] = await store.query(
      `SELECT count(*) || ':' || CAST(coalesce(sum(hash(t)), 0) AS VARCHAR) AS f FROM "${e}" t`,
    )
    out[e] = String(row?.f)
  }
  return out
}

async function scalar(store: Store, sql: string): Promise<number> {
  const [row] = await store.query(sql)
  return Number(Object.values(row ?? {})[0])
}

let store: Store
let summary: DemoSummary

beforeAll(async () => {
  store = await openStore(':memory:', { create: true })
  summary = await generateDemo(store, options)
})

afterAll(async () => {
  await store.close()
})

describe('generateDemo: size and summary', () => {
  it('reports the row counts of every table', async () => {
    for (const e of entityNames) {
      expect(summary.rows[e], e).toBe(await scalar(store, `SELECT count(*) FROM "${e}"`))
    }
    expect(summary.from).toBe('2024-07-01')
    expect(summary.rows.opportunities).toBe(4000)
    expect(summary.rows.leads).toBe(8000)
    expect(summary.rows.accounts).toBe(1000)
    expect(summary.rows.reps).toBe(20)
    expect(summary.rows.activities).toBeGreaterThan(30_000)
    expect(summary.rows.activities).toBeLessThan(80_000)
    for (const e of entityNames) expect(summary.rows[e], e).toBeGreaterThan(0)
  })

  it('sets the base currency to USD', async () => {
    const rows = await store.query(`SELECT "value" FROM settings WHERE "key" = 'base_currency'`)
    expect(rows).toEqual([{ value: 'USD' }])
  })
})

describe('generateDemo: validity (every count must be 0)', () => {
  it('has unique keys and no missing required values in any table', async () => {
    for (const e of entityNames) {
      const spec = entities[e]
      const key = spec.key.map((c) => `"${c}"`).join(', ')
      const dupes = `SELECT count(*) FROM (SELECT ${key} FROM "${e}" GROUP BY ALL HAVING count(*) > 1)`
      expect(await scalar(store, dupes), `${e} duplicate keys`).toBe(0)
      for (const c of spec.columns.filter((c) => c.required)) {
        const nulls = `SELECT count(*) FROM "${e}" WHERE "${c.name}" IS NULL`
        expect(await scalar(store, nulls), `${e}.${c.name} nulls`).toBe(0)
      }
    }
  })

  it('keeps values within the allowed sets, ranges and rules of entities.ts', async () => {
    for (const e of entityNames) {
      for (const c of entities[e].columns) {
        const col = `"${c.name}"`
        const checks: string[] = []
        if (c.values) checks.push(`${col} NOT IN (${c.values.map((v) => `'${v}'`).join(', ')})`)
        if (c.nonNegative) checks.push(`${col} < 0`)
        if (c.range) checks.push(`${col} NOT BETWEEN ${c.range[0]} AND ${c.range[1]}`)
        for (const bad of checks) {
          expect(
            await scalar(store, `SELECT count(*) FROM "${e}" WHERE ${bad}`),
            `${e}: ${bad}`,
          ).toBe(0)
        }
      }
      for (const rule of entities[e].rules ?? []) {
        const n = await scalar(store, `SELECT count(*) FROM "${e}" WHERE ${rule.bad}`)
        expect(n, `${e}: ${rule.reason}`).toBe(0)
      }
    }
  })

  it('has no dangling references', async () => {
    for (const e of entityNames) {
      for (const c of entities[e].columns.filter((c) => c.references)) {
        const target = c.references as EntityName
        const sql = `SELECT count(*) FROM "${e}" x WHERE x."${c.name}" IS NOT NULL
          AND x."${c.name}" NOT IN (SELECT id FROM "${target}")`
        expect(await scalar(store, sql), `${e}.${c.name} -> ${target}`).toBe(0)
      }
    }
  })

  it('dates nothing after as_of (except periods and expected closes)', async () => {
    const events: [string, string][] = [
      ['accounts', 'created_on'],
      ['leads', 'created_on'],
      ['leads', 'qualified_on'],
      ['leads', 'converted_on'],
      ['leads', 'disqualified_on'],
      ['opportunities', 'created_on'],
      ['opportunities', 'closed_on'],
      ['stage_changes', 'entered_at'],
      ['activities', 'started_at'],
      ['subscriptions', 'started_on'],
      ['subscriptions', 'ended_on'],
      ['forecasts', 'made_on'],
      ['fx_rates', 'on'],
      ['reps', 'active_from'],
      ['reps', 'active_to'],
      ['spend', 'period_end'],
      ['work_time', 'period_end'],
    ]
    for (const [t, c] of events) {
      const sql = `SELECT count(*) FROM "${t}" WHERE CAST("${c}" AS DATE) > DATE '${asOf}'`
      expect(await scalar(store, sql), `${t}.${c}`).toBe(0)
    }
    const before = `SELECT count(*) FROM opportunities WHERE created_on < DATE '${summary.from}'`
    expect(await scalar(store, before)).toBe(0)
  })

  it('keeps deals and leads consistent', async () => {
    const bad = [
      `SELECT count(*) FROM opportunities WHERE status = 'open' AND closed_on IS NOT NULL`,
      `SELECT count(*) FROM opportunities WHERE closed_on < created_on OR expected_close_on < created_on`,
      `SELECT count(*) FROM opportunities WHERE (status = 'won') <> (stage = 'Closed Won')
         OR (status = 'lost') <> (stage = 'Closed Lost') OR (status = 'lost') <> (lost_reason IS NOT NULL)`,
      `SELECT count(*) FROM opportunities o LEFT JOIN stages s ON s.pipeline = o.pipeline AND s.stage = o.stage
         WHERE s.stage IS NULL OR s.kind <> o.status`,
      `SELECT count(*) FROM leads WHERE qualified_on < created_on OR converted_on < qualified_on
         OR disqualified_on < created_on OR (converted_on IS NOT NULL AND qualified_on IS NULL)
         OR (converted_on IS NOT NULL AND disqualified_on IS NOT NULL)
         OR (converted_on IS NULL) <> (opportunity_id IS NULL)`,
      // A converted lead's deal is created the day it converted and points back at it.
      `SELECT count(*) FROM leads l JOIN opportunities o ON o.id = l.opportunity_id
         WHERE o.created_on <> l.converted_on OR o.lead_id IS DISTINCT FROM l.id OR o.source <> l.source`,
      `SELECT count(*) FROM opportunities o JOIN leads l ON l.id = o.lead_id WHERE l.opportunity_id <> o.id`,
      // Whoever owns a deal worked here on its closing day (or today, if it is open).
      `SELECT count(*) FROM opportunities o JOIN reps r ON r.id = o.owner_id
         WHERE coalesce(o.closed_on, DATE '${asOf}') NOT BETWEEN r.active_from AND coalesce(r.active_to, DATE '${asOf}')`,
      `SELECT count(*) FROM activities a JOIN reps r ON r.id = a.rep_id
         WHERE CAST(a.started_at AS DATE) NOT BETWEEN r.active_from AND coalesce(r.active_to, DATE '${asOf}')`,
      // Every won deal of a recurring product starts a subscription on its close date.
      `SELECT count(*) FROM opportunities o LEFT JOIN subscriptions s
         ON s.account_id = o.account_id AND s.started_on = o.closed_on
         WHERE o.status = 'won' AND o.product <> 'Professional Services' AND s.id IS NULL`,
    ]
    for (const sql of bad) expect(await scalar(store, sql), sql).toBe(0)
  })

  it('records each deal as an ordered walk through the pipeline', async () => {
    const withStages = `(SELECT c.*, s.position, s.kind FROM stage_changes c
      JOIN opportunities o ON o.id = c.opportunity_id JOIN stages s ON s.pipeline = o.pipeline AND s.stage = c.stage)`
    const bad = [
      // Every deal starts in the first stage at its creation date.
      `SELECT count(*) FROM opportunities o LEFT JOIN stage_changes c
         ON c.opportunity_id = o.id AND c.stage = 'Discovery' AND c.entered_at = CAST(o.created_on AS TIMESTAMP)
         WHERE c.opportunity_id IS NULL`,
      // Later stages are entered later.
      `SELECT count(*) FROM (SELECT position, lag(position) OVER (PARTITION BY opportunity_id ORDER BY entered_at) AS prev
         FROM ${withStages}) WHERE position <= prev`,
      // The last stage entered is the deal's current stage; a closed deal closes on closed_on.
      `SELECT count(*) FROM opportunities o JOIN (
         SELECT opportunity_id, arg_max(stage, entered_at) AS stage, max(entered_at) AS at
         FROM stage_changes GROUP BY 1) l ON l.opportunity_id = o.id
         WHERE l.stage <> o.stage OR (o.closed_on IS NOT NULL AND CAST(l.at AS DATE) <> o.closed_on)`,
      // Won deals reach the won stage from an open stage; nothing happens after closing.
      `SELECT count(*) FROM ${withStages} c JOIN opportunities o ON o.id = c.opportunity_id
         WHERE c.entered_at < CAST(o.created_on AS TIMESTAMP)
           OR (o.closed_on IS NOT NULL AND CAST(c.entered_at AS DATE) > o.closed_on)`,
    ]
    for (const sql of bad) expect(await scalar(store, sql), sql).toBe(0)
    // Some deals skip a stage (realism), but not most.
    const skipped = await scalar(
      store,
      `SELECT count(*) FROM opportunities o WHERE status = 'won'
         AND (SELECT count(*) FROM stage_changes c WHERE c.opportunity_id = o.id) < 5`,
    )
    expect(skipped).toBeGreaterThan(0)
    expect(skipped).toBeLessThan(0.4 * summary.rows.opportunities)
  })

  it('has an fx rate on or before every EUR date', async () => {
    const eur = `SELECT count(*) FROM opportunities WHERE currency = 'EUR'`
    const share = (await scalar(store, eur)) / summary.rows.opportunities
    expect(share).toBeGreaterThan(0.1)
    expect(share).toBeLessThan(0.2)
    const missing = `SELECT count(*) FROM (
        SELECT created_on AS d FROM opportunities WHERE currency = 'EUR'
        UNION ALL SELECT started_on FROM subscriptions WHERE currency = 'EUR') x
      WHERE NOT EXISTS (SELECT 1 FROM fx_rates f WHERE f.currency = 'EUR' AND f."on" <= x.d)`
    expect(await scalar(store, missing)).toBe(0)
    expect(await scalar(store, `SELECT min(rate) FROM fx_rates`)).toBeGreaterThan(1.0)
    expect(await scalar(store, `SELECT max(rate) FROM fx_rates`)).toBeLessThan(1.2)
    expect(await scalar(store, `SELECT count(DISTINCT currency) FROM quotas`)).toBe(1)
  })
})

describe('generateDemo: realism', () => {
  const winRate = (where: string) =>
    scalar(
      store,
      `SELECT count(*) FILTER (WHERE status = 'won') / count(*) FROM opportunities o
       JOIN accounts a ON a.id = o.account_id WHERE status IN ('won', 'lost') AND ${where}`,
    )
  const cycle = (segment: string) =>
    scalar(
      store,
      `SELECT avg(o.closed_on - o.created_on) FROM opportunities o JOIN accounts a ON a.id = o.account_id
       WHERE o.status = 'won' AND a.segment = '${segment}'`,
    )

  it('has every segment, region, source and team', async () => {
    const distinct = (sql: string) => store.query(sql).then((rows) => rows.map((r) => r.v).sort())
    expect(await distinct(`SELECT DISTINCT segment AS v FROM accounts`)).toEqual([
      'Enterprise',
      'Mid-Market',
      'SMB',
    ])
    expect(await distinct(`SELECT DISTINCT region AS v FROM accounts`)).toHaveLength(3)
    expect(await distinct(`SELECT DISTINCT source AS v FROM opportunities`)).toHaveLength(5)
    expect(
      await distinct(`SELECT DISTINCT team AS v FROM reps WHERE team IS NOT NULL`),
    ).toHaveLength(3)
    expect(await distinct(`SELECT DISTINCT status AS v FROM opportunities`)).toEqual([
      'lost',
      'open',
      'won',
    ])
  })

  it('wins more referrals than cold outbound, and wins about a quarter overall', async () => {
    expect(await winRate(`o.source = 'Referral'`)).toBeGreaterThan(
      await winRate(`o.source = 'Outbound'`),
    )
    const overall = await winRate('true')
    expect(overall).toBeGreaterThan(0.2)
    expect(overall).toBeLessThan(0.4)
  })

  it('closes Enterprise deals more slowly, and for more, than SMB deals', async () => {
    expect(await cycle('Enterprise')).toBeGreaterThan(1.5 * (await cycle('SMB')))
    const size = (s: string) =>
      scalar(
        store,
        `SELECT avg(amount) FROM opportunities o JOIN accounts a ON a.id = o.account_id WHERE a.segment = '${s}'`,
      )
    expect(await size('Enterprise')).toBeGreaterThan(3 * (await size('Mid-Market')))
    expect(await size('Mid-Market')).toBeGreaterThan(2 * (await size('SMB')))
  })

  it('closes more deals in quarter-end months', async () => {
    const byMonth = await store.query(
      `SELECT month(closed_on) % 3 = 0 AS quarter_end, count(*) AS n FROM opportunities
       WHERE status = 'won' GROUP BY ALL ORDER BY quarter_end`,
    )
    const [other, end] = byMonth.map((r) => Number(r.n))
    // Twice as many months are not quarter ends; still they close fewer deals in total.
    expect(end).toBeGreaterThan(other ?? Infinity)
  })

  it('churns roughly 1-3% of customers a month', async () => {
    const [row] = await store.query(
      `WITH c AS (SELECT account_id, min(started_on) AS first_on,
          max(coalesce(ended_on, DATE '2100-01-01')) AS last_on FROM subscriptions GROUP BY 1),
        m AS (SELECT CAST(d AS DATE) AS m FROM generate_series(DATE '2025-07-01', DATE '2026-06-01', INTERVAL 1 MONTH) t(d))
       SELECT sum(lost) / sum(at_start) AS churn FROM (
         SELECT m, count(*) FILTER (WHERE first_on < m AND last_on >= m) AS at_start,
           count(*) FILTER (WHERE last_on >= m AND last_on < m + INTERVAL 1 MONTH) AS lost
         FROM m, c GROUP BY m)`,
    )
    expect(Number(row?.churn)).toBeGreaterThan(0.005)
    expect(Number(row?.churn)).toBeLessThan(0.035)
  })

  it('forecasts complete quarters within 20% of actual revenue, made before they start', async () => {
    const rows = await store.query(
      `WITH actual AS (
         SELECT date_trunc('quarter', o.closed_on) AS q, sum(o.amount * coalesce(f.rate, 1)) AS usd
         FROM opportunities o ASOF LEFT JOIN fx_rates f ON f.currency = o.currency AND o.closed_on >= f."on"
         WHERE o.status = 'won' GROUP BY 1)
       SELECT fc.period_start, fc.amount / a.usd AS ratio FROM forecasts fc JOIN actual a ON a.q = fc.period_start
       WHERE fc.scope = 'company' AND fc.category = 'commit' AND fc.made_on < fc.period_start
         AND fc.period_end <= DATE '${asOf}' AND fc.period_end - fc.period_start > 60`,
    )
    expect(rows.length).toBe(8)
    for (const r of rows) {
      expect(Number(r.ratio), String(r.period_start)).toBeGreaterThan(0.8)
      expect(Number(r.ratio), String(r.period_start)).toBeLessThan(1.2)
    }
  })

  it('gives reps quarterly quotas, some met and some missed', async () => {
    const [row] = await store.query(
      `WITH rev AS (SELECT owner_id, date_trunc('quarter', closed_on) AS q, sum(amount) AS usd
         FROM opportunities WHERE status = 'won' GROUP BY ALL)
       SELECT count(*) AS quotas, count(*) FILTER (WHERE coalesce(r.usd, 0) >= q.amount) AS met
       FROM quotas q LEFT JOIN rev r ON r.owner_id = q.rep_id AND r.q = q.period_start
       WHERE q.period_end <= DATE '${asOf}'`,
    )
    const share = Number(row?.met) / Number(row?.quotas)
    expect(share).toBeGreaterThan(0.15)
    expect(share).toBeLessThan(0.85)
  })
})

describe('generateDemo: an as_of in the middle of a quarter', () => {
  it('cuts everything at as_of but still plans the running quarter', async () => {
    const mid = await openStore(':memory:', { create: true })
    try {
      const midAsOf = '2026-05-15'
      const s = await generateDemo(mid, { seed: 7, scale: 0.1, asOf: midAsOf })
      expect(s.from).toBe('2024-06-01')
      const after = `SELECT count(*) FROM (
          SELECT created_on AS d FROM opportunities UNION ALL SELECT closed_on FROM opportunities
          UNION ALL SELECT CAST(entered_at AS DATE) FROM stage_changes UNION ALL SELECT made_on FROM forecasts
          UNION ALL SELECT period_end FROM spend UNION ALL SELECT period_end FROM work_time
          UNION ALL SELECT CAST(started_at AS DATE) FROM activities) WHERE d > DATE '${midAsOf}'`
      expect(await scalar(mid, after)).toBe(0)
      const running = `SELECT count(*) FROM quotas WHERE period_start = DATE '2026-04-01' AND period_end = DATE '2026-06-30'`
      expect(await scalar(mid, running)).toBeGreaterThan(10)
      const forecast = `SELECT count(*) FROM forecasts WHERE scope = 'company' AND category = 'commit'
        AND period_start = DATE '2026-05-01' AND made_on = DATE '2026-04-30'`
      expect(await scalar(mid, forecast)).toBe(1)
    } finally {
      await mid.close()
    }
  })
})

describe('generateDemo: determinism', () => {
  it('gives identical tables for the same seed, and different ones for another seed', async () => {
    const other = await openStore(':memory:', { create: true })
    try {
      await generateDemo(other, options)
      expect(await fingerprint(other)).toEqual(await fingerprint(store))
      await generateDemo(other, { ...options, seed: 43 })
      const changed = await fingerprint(other)
      const base = await fingerprint(store)
      for (const e of ['accounts', 'leads', 'opportunities', 'stage_changes'] as const) {
        expect(changed[e], e).not.toEqual(base[e])
      }
    } finally {
      await other.close()
    }
  })

  it('replaces the data when run again on the same database', async () => {
    const before = await fingerprint(store)
    await generateDemo(store, options)
    expect(await fingerprint(store)).toEqual(before)
  })

  it('rejects bad options', async () => {
    await expect(generateDemo(store, { ...options, seed: Number.NaN })).rejects.toThrow(/seed/)
    await expect(generateDemo(store, { ...options, seed: 1.5 })).rejects.toThrow(/seed/)
    await expect(generateDemo(store, { ...options, scale: 0 })).rejects.toThrow(/scale/)
    await expect(generateDemo(store, { ...options, asOf: '2026-02-30' })).rejects.toThrow(/asOf/)
  })
})

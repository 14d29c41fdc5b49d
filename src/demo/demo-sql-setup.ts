import { entityNames } from '../model/entities.js'
import {
  demoPipeline,
  demoReps,
  demoStages,
  industries,
  lit,
  listLit,
  nameFirst,
  nameSecond,
  segmentTeams,
} from './demo-constants.js'
import { lookup, pick, type DemoContext, type Step } from './demo-sql-helpers.js'

/** Empties every entity table (the generator replaces the data, it never merges). */
export function clearSteps(): Step[] {
  return [
    ...entityNames.map((e) => ({ label: 'clear', sql: `DELETE FROM "${e}"` })),
    { label: 'settings', sql: `DELETE FROM settings WHERE "key" = 'base_currency'` },
    { label: 'settings', sql: `INSERT INTO settings VALUES ('base_currency', 'USD')` },
  ]
}

/** The window: the 24 calendar months up to and including as_of's month, cut at as_of. */
export function calendarSteps(asOf: string): Step[] {
  return [
    {
      label: 'calendar',
      params: [asOf],
      sql: `CREATE OR REPLACE TEMP TABLE demo_params AS
        SELECT as_of, start_on, CAST(as_of - start_on AS INTEGER) + 1 AS n_days
        FROM (SELECT CAST($1 AS DATE) AS as_of,
          CAST(date_trunc('month', CAST($1 AS DATE)) - INTERVAL 23 MONTH AS DATE) AS start_on)`,
    },
    {
      label: 'calendar',
      sql: `CREATE OR REPLACE TEMP TABLE demo_days AS
        SELECT CAST(d AS DATE) AS day
        FROM demo_params p, generate_series(CAST(p.start_on AS TIMESTAMP), CAST(p.as_of AS TIMESTAMP), INTERVAL 1 DAY) t(d)`,
    },
    // Months and quarters of the window, plus the next one when as_of is its eve (forecasts
    // for it are made on as_of).
    {
      label: 'calendar',
      sql: `CREATE OR REPLACE TEMP TABLE demo_months AS
        SELECT m_start, m_end, m_end <= p.as_of AS complete, m_start <= p.as_of AS started
        FROM demo_params p, (
          SELECT CAST(m AS DATE) AS m_start, CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS m_end
          FROM demo_params p, generate_series(CAST(p.start_on AS TIMESTAMP), CAST(p.as_of + 1 AS TIMESTAMP), INTERVAL 1 MONTH) t(m))`,
    },
    {
      label: 'calendar',
      sql: `CREATE OR REPLACE TEMP TABLE demo_quarters AS
        SELECT q_start, q_end, q_start >= p.start_on AND q_end <= p.as_of AS complete,
          q_start <= p.as_of AS started, CAST(q_end - q_start AS INTEGER) + 1 AS q_days
        FROM demo_params p, (
          SELECT CAST(q AS DATE) AS q_start, CAST(q + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE) AS q_end
          FROM demo_params p, generate_series(date_trunc('quarter', CAST(p.start_on AS TIMESTAMP)),
            CAST(p.as_of + 1 AS TIMESTAMP), INTERVAL 3 MONTH) t(q))`,
    },
  ]
}

function email(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^A-Za-z ]/g, '')
  return `${ascii.toLowerCase().replace(/ +/g, '.')}@example.com`
}

/** Reps with their dates relative to the window, and the pool that deals are dealt from. */
export function repSteps(): Step[] {
  const rows = demoReps.map((r) => {
    const to = r.toMonth === undefined ? 'NULL' : String(r.toMonth)
    const text = [r.id, r.name, email(r.name), r.team, r.managerId, r.movedFrom?.team ?? null].map(
      lit,
    )
    const moved = r.movedFrom ? String(r.movedFrom.untilMonth) : 'NULL'
    return `(${text.join(', ')}, ${r.fromMonth}, ${to}, ${r.lead ? 'true' : 'false'}, ${moved})`
  })
  return [
    {
      label: 'reps',
      sql: `CREATE OR REPLACE TEMP TABLE demo_reps AS
        SELECT v.id, v.name, v.email, v.team, v.manager_id,
          CAST(p.start_on + to_months(v.from_month) AS DATE) AS active_from,
          CAST(p.start_on + to_months(v.to_month) - INTERVAL 1 DAY AS DATE) AS active_to,
          v.is_lead, CASE WHEN v.team IS NULL THEN 0 WHEN v.is_lead THEN 0.5 ELSE 1 END AS quota_weight,
          v.previous_team, CAST(p.start_on + to_months(v.moved_month) AS DATE) AS moved_on
        FROM demo_params p, (VALUES ${rows.join(',\n')})
          v(id, name, email, team, manager_id, previous_team, from_month, to_month, is_lead, moved_month)`,
    },
    // Each rep's team over time: one span, or two for a rep who moved.
    {
      label: 'reps',
      sql: `CREATE OR REPLACE TEMP TABLE demo_rep_teams AS
        SELECT id, team, active_from AS valid_from, active_to AS valid_to, is_lead, quota_weight
          FROM demo_reps WHERE moved_on IS NULL
        UNION ALL SELECT id, previous_team, active_from, CAST(moved_on - 1 AS DATE), is_lead, quota_weight
          FROM demo_reps WHERE moved_on IS NOT NULL
        UNION ALL SELECT id, team, moved_on, active_to, is_lead, quota_weight
          FROM demo_reps WHERE moved_on IS NOT NULL`,
    },
    {
      label: 'reps',
      sql: `INSERT INTO rep_teams (rep_id, team, valid_from, valid_to)
        SELECT t.id, t.team, t.valid_from, t.valid_to FROM demo_rep_teams t
        WHERE t.id IN (SELECT id FROM demo_reps WHERE moved_on IS NOT NULL)`,
    },
    {
      label: 'reps',
      sql: `INSERT INTO reps (id, name, email, team, manager_id, active_from, active_to)
        SELECT id, name, email, team, manager_id, active_from, active_to FROM demo_reps`,
    },
    // For each team and day, the sellers active that day numbered 0..n-1: a deal picks one
    // by a hash modulo n, so nobody owns a deal on a day they did not work here.
    {
      label: 'reps',
      sql: `CREATE OR REPLACE TEMP TABLE demo_pool AS
        SELECT r.team, d.day, r.id AS rep_id,
          CAST(row_number() OVER (PARTITION BY r.team, d.day ORDER BY r.id) - 1 AS BIGINT) AS k,
          CAST(count(*) OVER (PARTITION BY r.team, d.day) AS BIGINT) AS n
        FROM demo_days d JOIN demo_rep_teams r
          ON r.team IS NOT NULL AND d.day >= r.valid_from AND (r.valid_to IS NULL OR d.day <= r.valid_to)`,
    },
  ]
}

export function stageSteps(): Step[] {
  const rows = demoStages.map(
    (s) =>
      `(${lit(demoPipeline)}, ${lit(s.stage)}, ${s.position}, ${s.probability}, ${lit(s.kind)})`,
  )
  return [{ label: 'stages', sql: `INSERT INTO stages VALUES ${rows.join(', ')}` }]
}

/** Accounts without created_on yet: it is set from their first lead or deal later. */
export function accountSteps(ctx: DemoContext): Step[] {
  const combos = nameFirst.length * nameSecond.length
  const segment = pick(`demo_u(idx, 'acc.segment')`, [
    ['SMB', 55],
    ['Mid-Market', 30],
    ['Enterprise', 15],
  ])
  const region = pick(`demo_u(idx, 'acc.region')`, [
    ['North America', 45],
    ['EMEA', 35],
    ['APAC', 20],
  ])
  const suffix = `CASE region WHEN 'North America' THEN 'Inc.' WHEN 'APAC' THEN 'Pte Ltd'
    ELSE list_element(['GmbH', 'Ltd', 'S.A.', 'sp. z o.o.', 'B.V.'], CAST(1 + demo_n(idx, 'acc.suffix', 5) AS INTEGER)) END`
  return [
    {
      label: 'accounts',
      sql: `CREATE OR REPLACE TEMP TABLE demo_acc AS
        SELECT idx, printf('a-%06d', idx + 1) AS id, segment, region,
          ${lookup('segment', segmentTeams)} AS team,
          list_element(${listLit(industries)}, CAST(1 + demo_n(idx, 'acc.industry', ${industries.length}) AS INTEGER)) AS industry,
          -- (a, b) = (idx mod 40, idx div 40 + idx mod 40) is one-to-one below 1,600.
          list_element(${listLit(nameFirst)}, CAST(1 + idx % ${nameFirst.length} AS INTEGER)) || ' ' ||
          list_element(${listLit(nameSecond)}, CAST(1 + (idx // ${nameFirst.length} + idx) % ${nameSecond.length} AS INTEGER)) ||
          CASE WHEN idx >= ${combos} THEN ' ' || CAST(idx // ${combos} + 1 AS VARCHAR) ELSE '' END ||
          ' ' || ${suffix} AS name
        FROM (SELECT range AS idx, ${segment} AS segment, ${region} AS region FROM range(${ctx.accounts}))`,
    },
  ]
}

/** Accounts exist from their first lead or deal, or earlier (some were in the CRM already). */
export function accountInsertSteps(): Step[] {
  return [
    {
      label: 'accounts',
      sql: `INSERT INTO accounts (id, name, segment, industry, region, created_on)
        SELECT a.id, a.name, a.segment, a.industry, a.region,
          CASE WHEN f.first_on IS NULL OR f.first_on > a.random_on THEN a.random_on ELSE f.first_on END
        FROM (
          SELECT a.*, CAST(p.start_on - 400 + CAST(floor(demo_u(a.idx, 'acc.created') * (p.n_days + 400)) AS INTEGER) AS DATE) AS random_on
          FROM demo_acc a, demo_params p
        ) a
        LEFT JOIN (
          SELECT account_idx, min(created_on) AS first_on FROM (
            SELECT account_idx, created_on FROM demo_lead
            UNION ALL SELECT account_idx, created_on FROM demo_opp) GROUP BY account_idx
        ) f ON f.account_idx = a.idx`,
    },
  ]
}

/**
 * EUR -> USD on weekdays from five weeks before the window: two slow waves and a little
 * daily noise keep it within about 1.05-1.15. Every EUR date has a rate on or before it.
 */
export function fxSteps(): Step[] {
  return [
    {
      label: 'fx_rates',
      sql: `CREATE OR REPLACE TEMP TABLE demo_fx AS
        SELECT 'EUR' AS currency, day AS "on",
          CAST(round(1.10 + 0.03 * sin(t / 58.0 + 6.283 * demo_u(0, 'fx.phase1'))
            + 0.015 * sin(t / 17.0 + 6.283 * demo_u(0, 'fx.phase2'))
            + 0.01 * (demo_u(t, 'fx.noise') - 0.5), 4) AS DECIMAL(18,4)) AS rate
        FROM (
          SELECT CAST(d AS DATE) AS day, CAST(CAST(d AS DATE) - p.start_on AS INTEGER) AS t
          FROM demo_params p, generate_series(CAST(p.start_on - 35 AS TIMESTAMP), CAST(p.as_of AS TIMESTAMP), INTERVAL 1 DAY) g(d)
        ) WHERE isodow(day) < 6`,
    },
    { label: 'fx_rates', sql: `INSERT INTO fx_rates SELECT currency, "on", rate FROM demo_fx` },
  ]
}

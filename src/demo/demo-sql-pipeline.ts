import { demoPipeline, listLit, lostStage, openStages, wonStage } from './demo-constants.js'
import { lookup, pick, type DemoContext, type Step } from './demo-sql-helpers.js'

// The shape of the business, in one place. Referral and Partner leads qualify and win
// more often; Enterprise deals are bigger, slower and harder to win.
const leadSources = { Inbound: 35, Outbound: 25, Referral: 10, Partner: 12, Events: 18 }
const qualifyRate = { Inbound: 0.4, Outbound: 0.3, Referral: 0.65, Partner: 0.5, Events: 0.25 }
const convertRate = { Inbound: 0.55, Outbound: 0.5, Referral: 0.7, Partner: 0.55, Events: 0.5 }
/** Deals opened without a lead record: mostly reps' own prospecting. */
const directSources = { Outbound: 45, Referral: 15, Partner: 15, Events: 10, Inbound: 15 }
const winBase = { SMB: 0.3, 'Mid-Market': 0.24, Enterprise: 0.18 }
const winBySource = { Referral: 1.6, Partner: 1.2, Inbound: 1.05, Events: 0.85, Outbound: 0.7 }
const cycleDays = { SMB: 28, 'Mid-Market': 55, Enterprise: 110 }
const cycleBySource = { Referral: 0.8, Partner: 0.95, Inbound: 0.9, Events: 1.05, Outbound: 1.2 }
const amountLow = { SMB: 5000, 'Mid-Market': 20000, Enterprise: 80000 }
const amountHigh = { SMB: 15000, 'Mid-Market': 60000, Enterprise: 300000 }
const productFactor = { Analytics: 0.6, 'Professional Services': 0.35 }
const products = {
  SMB: [
    ['Core', 70],
    ['Analytics', 20],
    ['Professional Services', 10],
  ],
  'Mid-Market': [
    ['Core', 50],
    ['Analytics', 30],
    ['Enterprise Suite', 10],
    ['Professional Services', 10],
  ],
  Enterprise: [
    ['Enterprise Suite', 55],
    ['Core', 20],
    ['Analytics', 15],
    ['Professional Services', 10],
  ],
} as const
const lostReasons = [
  ['Price', 25],
  ['Competitor', 22],
  ['No decision', 20],
  ['Timing', 13],
  ['Missing feature', 10],
  ['Budget', 10],
] as const

const openNames = listLit(openStages.map((s) => s.stage))
const openProbabilities = `[${openStages.map((s) => s.probability).join(', ')}]`
const lastOpen = openStages.length

/** A date in the window, denser towards as_of, moved off weekends; `k` keys the draw. */
function growthDate(k: string, salt: string): string {
  return `greatest(p.start_on, demo_weekday(CAST(p.start_on + demo_growth_day(demo_u(${k}, '${salt}'), p.n_days) AS DATE)))`
}

/**
 * Leads and their fate. Dates past as_of have not happened yet, so a lead that would
 * qualify next week is simply open today. A converted lead becomes the opportunity with
 * the lead's number, created on the day it converted (no window numbering: it is slow).
 */
export function leadSteps(ctx: DemoContext): Step[] {
  return [
    {
      label: 'leads',
      sql: `CREATE OR REPLACE TEMP TABLE demo_lead AS
        WITH base AS (
          SELECT x.*, a.team, p.as_of, ${growthDate('x.idx', 'lead.day')} AS created_on
          FROM (SELECT range AS idx, ${pick(`demo_u(range, 'lead.source')`, Object.entries(leadSources))} AS source,
                  demo_n(range, 'lead.account', ${ctx.accounts}) AS account_idx
                FROM range(${ctx.leads})) x
          JOIN demo_acc a ON a.idx = x.account_idx
          CROSS JOIN demo_params p
        ), planned AS (
          SELECT *,
            demo_u(idx, 'lead.qualify') < ${lookup('source', qualifyRate)} AS will_qualify,
            demo_u(idx, 'lead.convert') < ${lookup('source', convertRate)} AS will_convert,
            CAST(created_on + 1 + demo_n(idx, 'lead.qlag', 10) AS DATE) AS q_day,
            demo_n(idx, 'lead.clag', 21) AS c_lag,
            demo_n(idx, 'lead.dlag', 30) AS d_lag,
            demo_u(idx, 'lead.disq') AS u_disq
          FROM base
        ), qualified AS (
          SELECT *, CASE WHEN will_qualify AND q_day <= as_of THEN q_day END AS qualified_on FROM planned
        ), dated AS (
          SELECT *,
            CASE WHEN will_convert AND qualified_on + c_lag <= as_of
              THEN CAST(qualified_on + c_lag AS DATE) END AS converted_on,
            CASE
              WHEN qualified_on IS NOT NULL AND NOT will_convert AND u_disq < 0.75
                AND qualified_on + 5 + d_lag <= as_of THEN CAST(qualified_on + 5 + d_lag AS DATE)
              WHEN NOT will_qualify AND u_disq < 0.8 AND created_on + 2 + d_lag <= as_of
                THEN CAST(created_on + 2 + d_lag AS DATE)
            END AS disqualified_on
          FROM qualified
        )
        SELECT d.idx, printf('l-%07d', d.idx + 1) AS id, d.created_on, d.source, d.account_idx, d.team,
          pool.rep_id AS owner_id, d.qualified_on, d.converted_on, d.disqualified_on
        FROM dated d
        JOIN demo_pool pool ON pool.team = d.team AND pool.day = d.created_on
          AND pool.k = demo_n(d.idx, 'lead.owner', pool.n)`,
    },
  ]
}

/**
 * Opportunities: who, what, how much, and how it ends. A deal's fate (win or lose, at
 * which stage, after how long) is drawn first; it is closed only if that date is on or
 * before as_of, otherwise it is open at the stage its progress reached.
 */
export function opportunitySteps(ctx: DemoContext): Step[] {
  const segments = Object.keys(products) as (keyof typeof products)[]
  const product = `CASE a.segment ${segments
    .map((s) => `WHEN '${s}' THEN ${pick(`demo_u(b.idx, 'opp.product')`, products[s])}`)
    .join(' ')} END`
  // Log-uniform between the segment's bounds: many small deals, a few large ones.
  const low = lookup('a.segment', amountLow)
  const high = lookup('a.segment', amountHigh)
  const logAmount = `ln(${low}) + demo_u(b.idx, 'opp.amount') * ln(${high} / ${low})`
  return [
    {
      label: 'opportunities',
      sql: `CREATE OR REPLACE TEMP TABLE demo_opp AS
        WITH base AS (
          SELECT idx, id AS lead_id, source, account_idx, converted_on AS created_on, p.as_of
          FROM demo_lead, demo_params p WHERE converted_on IS NOT NULL
          UNION ALL
          -- Deals without a lead make up the rest, numbered after the leads.
          SELECT ${ctx.leads} + o.range, NULL,
            ${pick(`demo_u(o.range, 'opp.source')`, Object.entries(directSources))},
            demo_n(o.range, 'opp.account', ${ctx.accounts}), ${growthDate('o.range', 'opp.day')}, p.as_of
          FROM range(${ctx.opportunities}) o, demo_params p
          WHERE o.range < ${ctx.opportunities} - (SELECT count(converted_on) FROM demo_lead)
        ), deal AS (
          SELECT b.*, a.id AS account_id, a.name AS account_name, a.segment, a.region, a.team,
            ${product} AS product,
            CASE WHEN a.region = 'EMEA' AND demo_u(b.idx, 'opp.eur') < 0.43 THEN 'EUR' ELSE 'USD' END AS currency,
            exp(${logAmount}) AS raw_amount,
            least(0.9, ${lookup('a.segment', winBase)} * ${lookup('b.source', winBySource)}) AS p_win,
            CAST(greatest(5, round(${lookup('a.segment', cycleDays)} * ${lookup('b.source', cycleBySource)}
              * exp(0.45 * demo_z(b.idx, 'opp.cycle')))) AS INTEGER) AS l0,
            ${pick(`demo_u(b.idx, 'opp.lostat')`, [
              [1, 35],
              [2, 30],
              [3, 20],
              [4, 15],
            ])} AS lost_at
          FROM base b JOIN demo_acc a ON a.idx = b.account_idx
        ), fate AS (
          SELECT *, CAST(created_on + l0 AS DATE) AS planned_on,
            -- Q4 budgets: deals due in Q4 win a little more often.
            demo_u(idx, 'opp.win') < p_win * CASE WHEN quarter(created_on + l0) = 4 THEN 1.2 ELSE 1.0 END AS wins
          FROM deal
        ), outcome AS (
          SELECT *, CASE WHEN wins THEN planned_on
            -- Deals lost early die sooner than deals lost in negotiation.
            ELSE CAST(created_on + CAST(greatest(2, round(l0 * (0.2 + 0.2 * lost_at)
              * (0.8 + 0.4 * demo_u(idx, 'opp.lostlen')))) AS INTEGER) AS DATE)
            END AS natural_on
          FROM fate
        ), snapped AS (
          -- Quarter-end push: many wins land in the quarter's last two weeks, most in Q4.
          SELECT *, greatest(created_on, demo_weekday(CASE
            WHEN demo_u(idx, 'opp.snap') < CASE WHEN NOT wins THEN 0.1 WHEN quarter(natural_on) = 4 THEN 0.5 ELSE 0.25 END
            THEN greatest(natural_on, CAST(date_trunc('quarter', natural_on) + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)
              - demo_n(idx, 'opp.snapday', 10))
            ELSE natural_on END)) AS close_on
          FROM outcome
        ), state AS (
          -- One losing deal in seven is never closed: it stalls at its stage and lingers open.
          SELECT *, close_on <= as_of AND (wins OR demo_u(idx, 'opp.stall') >= 0.15) AS closed,
            CASE WHEN wins THEN ${lastOpen} ELSE lost_at END AS fate_top
          FROM snapped
        ), staged AS (
          SELECT *, CASE WHEN close_on <= as_of THEN fate_top
            ELSE least(fate_top, 1 + CAST(floor((as_of - created_on) / (close_on - created_on) * fate_top) AS INTEGER)) END AS top
          FROM state
        )
        SELECT s.idx, printf('o-%07d', s.idx + 1) AS id, s.account_name || ' - ' || s.product AS name,
          s.account_id, s.account_idx, pool.rep_id AS owner_id, s.lead_id, s.source, '${demoPipeline}' AS pipeline,
          CASE WHEN NOT s.closed THEN list_element(${openNames}, s.top) WHEN s.wins THEN '${wonStage}' ELSE '${lostStage}' END AS stage,
          CASE WHEN NOT s.closed THEN 'open' WHEN s.wins THEN 'won' ELSE 'lost' END AS status,
          CAST(round(s.raw_amount * coalesce(${lookup('s.product', productFactor)}, 1.0) / 100) * 100 AS DECIMAL(18,4)) AS amount,
          s.currency, s.created_on,
          CASE WHEN s.closed THEN s.close_on END AS closed_on,
          CAST(CASE
            -- Some open deals have slipped: their expected date has passed.
            WHEN NOT s.closed AND demo_u(s.idx, 'opp.slip') < 0.2 AND s.as_of - 1 - demo_n(s.idx, 'opp.slipdays', 60) > s.created_on + 7
              THEN s.as_of - 1 - demo_n(s.idx, 'opp.slipdays', 60)
            WHEN demo_u(s.idx, 'opp.eom') < 0.4 THEN last_day(s.planned_on)
            ELSE s.planned_on END AS DATE) AS expected_close_on,
          CAST(CASE WHEN NOT s.closed THEN list_element(${openProbabilities}, s.top)
            WHEN s.wins THEN 100 ELSE 0 END AS DECIMAL(18,4)) AS probability,
          s.product,
          CASE WHEN s.closed AND NOT s.wins THEN ${pick(`demo_u(s.idx, 'opp.reason')`, lostReasons)} END AS lost_reason,
          s.segment, s.team, s.top,
          -- When the deal's stage history ends: its close (or stall), or today for a live deal.
          CASE WHEN s.close_on > s.as_of THEN CAST(s.as_of AS TIMESTAMP) + INTERVAL 12 HOUR
            ELSE CAST(s.close_on AS TIMESTAMP) + to_minutes(540 + demo_n(s.idx, 'opp.closetime', 480)) END AS end_ts
        FROM staged s
        -- The owner is whoever held the territory on the closing day (or today, if open):
        -- deals of a rep who left were handed over.
        JOIN demo_pool pool ON pool.team = s.team AND pool.day = CASE WHEN s.closed THEN s.close_on ELSE s.as_of END
          AND pool.k = demo_n(s.idx, 'opp.owner', pool.n)`,
    },
    {
      label: 'opportunities',
      sql: `INSERT INTO opportunities (id, name, account_id, owner_id, lead_id, source, pipeline, stage,
          status, amount, currency, created_on, closed_on, expected_close_on, probability, product, lost_reason)
        SELECT id, name, account_id, owner_id, lead_id, source, pipeline, stage, status, amount, currency,
          created_on, closed_on, expected_close_on, probability, product, lost_reason
        FROM demo_opp`,
    },
    {
      label: 'leads',
      sql: `INSERT INTO leads
        SELECT l.id, l.created_on, l.source, l.owner_id, a.id, l.qualified_on, l.converted_on,
          l.disqualified_on, CASE WHEN l.converted_on IS NOT NULL THEN printf('o-%07d', l.idx + 1) END
        FROM demo_lead l JOIN demo_acc a ON a.idx = l.account_idx`,
    },
  ]
}

/**
 * One row per stage entered, in order: the first at created_on midnight, the middle ones
 * spread over the deal's life, the closing one on closed_on. ~8% of middle stages are
 * skipped, never the stage a lost or open deal stopped at.
 */
export function stageChangeSteps(): Step[] {
  return [
    {
      label: 'stage_changes',
      sql: `INSERT INTO stage_changes
        WITH o AS (
          SELECT idx, id, status, top, end_ts, CAST(created_on AS TIMESTAMP) AS created_ts FROM demo_opp
        )
        SELECT o.id, s.stage, CASE WHEN s.position = 1 THEN o.created_ts
          ELSE demo_between(o.created_ts, o.end_ts, (s.position - 0.8 + 0.6 * demo_u(o.idx * 8 + s.position, 'sc.when')) / o.top) END
        FROM o JOIN stages s ON s.pipeline = '${demoPipeline}' AND s.kind = 'open' AND s.position <= o.top
        WHERE s.position = 1 OR (o.status <> 'won' AND s.position = o.top)
          OR demo_u(o.idx * 8 + s.position, 'sc.skip') >= 0.08
        UNION ALL
        SELECT id, CASE status WHEN 'won' THEN '${wonStage}' ELSE '${lostStage}' END, end_ts
        FROM o WHERE status <> 'open'`,
    },
  ]
}

import { lookup, type Step } from './demo-sql-helpers.js'

/** Monthly subscription churn hazard per segment: ~2%/month overall. */
const churnHazard = { SMB: 0.035, 'Mid-Market': 0.02, Enterprise: 0.01 }
/** Share of subscriptions billed yearly. */
const yearlyShare = { SMB: 0.05, 'Mid-Market': 0.2, Enterprise: 0.45 }
/** Cost per lead (marketing) and per opportunity (sales time and commissions), USD. */
const costPerLead = { Inbound: 120, Outbound: 30, Referral: 20, Partner: 60, Events: 350 }
const costPerDeal = { Inbound: 1500, Outbound: 3000, Referral: 800, Partner: 2000, Events: 1800 }

/**
 * Won revenue in USD per team and month, the basis of quotas and forecasts: they are set
 * near what the business actually does, so attainment and accuracy look plausible.
 */
export function revenueSteps(): Step[] {
  return [
    {
      label: 'revenue',
      sql: `CREATE OR REPLACE TEMP TABLE demo_rev_month AS
        WITH won AS (
          SELECT o.team, o.closed_on, o.amount * coalesce(f.rate, 1) AS usd
          FROM demo_opp o ASOF LEFT JOIN demo_fx f ON f.currency = o.currency AND o.closed_on >= f."on"
          WHERE o.status = 'won'
        )
        SELECT t.team, m.m_start, m.m_end, m.complete, coalesce(sum(w.usd), 0) AS usd
        FROM demo_months m
        CROSS JOIN (SELECT DISTINCT team FROM demo_acc) t
        LEFT JOIN won w ON w.team = t.team AND w.closed_on BETWEEN m.m_start AND m.m_end
        GROUP BY ALL`,
    },
  ]
}

/**
 * A subscription per won deal of a recurring product (not Professional Services),
 * from its close date. Accounts churn as a whole: at a date drawn from a monthly hazard,
 * every subscription of the account that started before it ends.
 */
export function subscriptionSteps(): Step[] {
  return [
    {
      label: 'subscriptions',
      sql: `INSERT INTO subscriptions
        WITH s AS (
          SELECT idx, account_id, account_idx, segment, closed_on AS started_on, amount, currency,
            CASE WHEN demo_u(idx, 'sub.yearly') < ${lookup('segment', yearlyShare)} THEN 'year' ELSE 'month' END AS "interval"
          FROM demo_opp WHERE status = 'won' AND product <> 'Professional Services'
        ), churn AS (
          SELECT account_idx, CAST(first_on + to_months(months) AS DATE) - demo_n(account_idx, 'sub.churnday', 20) AS churn_on
          FROM (
            SELECT account_idx, min(started_on) AS first_on,
              -- Whole months until churn: geometric with the segment's monthly hazard.
              1 + CAST(floor(ln(1 - demo_u(account_idx, 'sub.churn'))
                / ln(1 - ${lookup('any_value(segment)', churnHazard)})) AS INTEGER) AS months
            FROM s GROUP BY account_idx)
        )
        SELECT printf('s-%07d', s.idx + 1), s.account_id, s.started_on,
          CASE WHEN c.churn_on <= p.as_of AND s.started_on < c.churn_on THEN c.churn_on END,
          CAST(CASE s."interval" WHEN 'year' THEN s.amount ELSE round(s.amount / 12, 2) END AS DECIMAL(18,4)),
          s."interval", s.currency
        FROM s JOIN churn c USING (account_idx) CROSS JOIN demo_params p`,
    },
  ]
}

/**
 * Quarterly quotas per seller: the team's revenue for the quarter (or, for a quarter not
 * complete, the nearest complete one) x 1.1, shared by days active, leads at half weight.
 */
export function quotaSteps(): Step[] {
  return [
    {
      label: 'quotas',
      sql: `INSERT INTO quotas
        WITH team_q AS (
          SELECT r.team, q.q_start, q.q_end, q.complete, q.q_days, sum(r.usd) AS usd
          FROM demo_quarters q JOIN demo_rev_month r ON r.m_start BETWEEN q.q_start AND q.q_end
          WHERE q.started GROUP BY ALL
        ), basis AS (
          SELECT team, q_start, q_end, q_days, coalesce(
            CASE WHEN complete THEN usd END,
            1.05 * last_value(CASE WHEN complete THEN usd END IGNORE NULLS)
              OVER (PARTITION BY team ORDER BY q_start ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
            0.95 * first_value(CASE WHEN complete THEN usd END IGNORE NULLS)
              OVER (PARTITION BY team ORDER BY q_start ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING),
            0) AS usd
          FROM team_q
        ), share AS (
          SELECT r.id, r.team, b.q_start, b.q_end, b.usd,
            r.quota_weight * (least(b.q_end, coalesce(r.valid_to, b.q_end)) - greatest(b.q_start, r.valid_from) + 1) / b.q_days AS w
          FROM basis b JOIN demo_rep_teams r ON r.team = b.team AND r.quota_weight > 0
            AND r.valid_from <= b.q_end AND (r.valid_to IS NULL OR r.valid_to >= b.q_start)
        )
        SELECT id, q_start, q_end,
          CAST(greatest(1000, round(1.1 * usd * w / sum(w) OVER (PARTITION BY team, q_start)
            * (0.85 + 0.3 * demo_u(hash(id, q_start), 'quota')) / 1000) * 1000) AS DECIMAL(18,4)),
          'USD'
        FROM share`,
    },
  ]
}

/**
 * Commit forecasts made the day before each month and quarter (the next one too when
 * as_of is its eve), a best case per quarter, team commits per quarter, and a mid-quarter
 * re-forecast that forecast_accuracy must ignore (it is made after the quarter began).
 * Amounts are the actual revenue, or for unfinished periods the last complete one, off by
 * 5-15% (mostly under: commits are conservative).
 */
export function forecastSteps(): Step[] {
  const off = (key: string) =>
    `(1 + CASE WHEN demo_u(${key}, 'fc.sign') < 0.6 THEN -1 ELSE 1 END * (0.05 + 0.10 * demo_u(${key}, 'fc.size')))`
  const basis = (grain: 'm' | 'q') => `coalesce(
      CASE WHEN complete THEN usd END,
      1.03 * last_value(CASE WHEN complete THEN usd END IGNORE NULLS)
        OVER (PARTITION BY team ORDER BY ${grain}_start ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      0)`
  return [
    {
      label: 'forecasts',
      sql: `INSERT INTO forecasts
        WITH month_rev AS (
          SELECT 'company' AS team, m_start, m_end, complete, sum(usd) AS usd FROM demo_rev_month GROUP BY ALL
        ), quarter_rev AS (
          SELECT coalesce('team:' || r.team, 'company') AS team, q.q_start, q.q_end, q.complete, sum(r.usd) AS usd
          FROM demo_quarters q JOIN demo_rev_month r ON r.m_start BETWEEN q.q_start AND q.q_end
          GROUP BY GROUPING SETS ((r.team, q.q_start, q.q_end, q.complete), (q.q_start, q.q_end, q.complete))
        ), months AS (
          SELECT m_start, m_end, ${basis('m')} AS usd FROM month_rev
        ), quarters AS (
          SELECT team AS scope, q_start, q_end, ${basis('q')} AS usd FROM quarter_rev
        ), made AS (
          SELECT CAST(m_start - 1 AS DATE) AS made_on, m_start AS period_start, m_end AS period_end,
            'company' AS scope, usd * ${off(`hash(m_start, 'm')`)} AS amount, 'commit' AS category
          FROM months
          UNION ALL
          SELECT CAST(q_start - 1 AS DATE), q_start, q_end, scope, usd * ${off(`hash(q_start, scope)`)}, 'commit'
          FROM quarters
          UNION ALL
          SELECT CAST(q_start - 1 AS DATE), q_start, q_end, scope,
            usd * ${off(`hash(q_start, scope)`)} * (1.15 + 0.1 * demo_u(hash(q_start), 'fc.best')), 'best_case'
          FROM quarters WHERE scope = 'company'
          UNION ALL
          SELECT CAST(q_start + 45 AS DATE), q_start, q_end, scope,
            usd * (0.97 + 0.06 * demo_u(hash(q_start), 'fc.mid')), 'commit'
          FROM quarters WHERE scope = 'company'
        )
        SELECT made_on, period_start, period_end, scope,
          CAST(round(amount / 1000) * 1000 AS DECIMAL(18,4)), 'USD', category
        FROM made CROSS JOIN demo_params p WHERE made_on <= p.as_of`,
    },
  ]
}

/** Company targets per started quarter: revenue = the sum of quotas; fixed rate targets. */
export function targetSteps(): Step[] {
  return [
    {
      label: 'targets',
      sql: `INSERT INTO targets
        SELECT 'total_revenue', q.q_start, q.q_end, 'company', sum(o.amount)
        FROM demo_quarters q JOIN quotas o ON o.period_start = q.q_start WHERE q.started GROUP BY ALL
        UNION ALL
        SELECT m.metric, q.q_start, q.q_end, 'company', m.value
        FROM demo_quarters q, (VALUES ('win_rate', 0.25), ('lead_conversion_rate', 0.2)) m(metric, value)
        WHERE q.started`,
    },
  ]
}

/**
 * Monthly spend per channel (= lead source): marketing follows the leads it bought,
 * sales the deals it worked; both with +-15% noise. The running month stops at as_of.
 */
export function spendSteps(): Step[] {
  return [
    {
      label: 'spend',
      sql: `INSERT INTO spend
        WITH m AS (
          SELECT m_start, least(m_end, p.as_of) AS m_end FROM demo_months, demo_params p WHERE started
        ), ch AS (
          SELECT * FROM (VALUES ('Inbound'), ('Outbound'), ('Referral'), ('Partner'), ('Events')) v(channel)
        ), leads AS (
          SELECT source, date_trunc('month', created_on) AS m, count(*) AS n FROM demo_lead GROUP BY ALL
        ), deals AS (
          SELECT source, date_trunc('month', created_on) AS m, count(*) AS n FROM demo_opp GROUP BY ALL
        )
        SELECT m.m_start, m.m_end, c.category, ch.channel,
          CAST(round(coalesce(CASE c.category WHEN 'marketing' THEN l.n * ${lookup('ch.channel', costPerLead)}
            ELSE d.n * ${lookup('ch.channel', costPerDeal)} END, 0)
            * (0.85 + 0.3 * demo_u(hash(m.m_start, ch.channel), c.category)), 2) AS DECIMAL(18,4)),
          'USD'
        FROM m CROSS JOIN ch CROSS JOIN (VALUES ('marketing'), ('sales')) c(category)
        LEFT JOIN leads l ON l.source = ch.channel AND l.m = m.m_start
        LEFT JOIN deals d ON d.source = ch.channel AND d.m = m.m_start`,
    },
  ]
}

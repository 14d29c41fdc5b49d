-- The floor of the catalogue for a quarter: the core figures in one hand-written query
-- over the same database (revenue in the base currency, deals won, closed and created,
-- the sales cycle and the open pipeline expected to close), fx through a daily rate table.
-- :from, :to and :as_of are replaced by the benchmark.
WITH rates AS (
  SELECT r.currency, CAST(r."on" + CAST(t.n AS INTEGER) AS DATE) AS day, r.rate
  FROM (SELECT *, LEAD("on") OVER (PARTITION BY currency ORDER BY "on") AS next FROM fx_rates) r,
    LATERAL range(0, COALESCE(r.next - r."on", 1)) t(n)
)
SELECT
  SUM(CASE WHEN o.currency = 'USD' THEN o.amount ELSE CAST(o.amount AS DECIMAL(38,4)) * fx.rate END)
    FILTER (WHERE o.status = 'won' AND o.closed_on BETWEEN :from AND :to) AS revenue,
  COUNT(*) FILTER (WHERE o.status = 'won' AND o.closed_on BETWEEN :from AND :to) AS won,
  COUNT(*) FILTER (WHERE o.status IN ('won', 'lost') AND o.closed_on BETWEEN :from AND :to) AS closed,
  COUNT(*) FILTER (WHERE o.created_on BETWEEN :from AND :to) AS created,
  AVG(o.closed_on - o.created_on) FILTER (WHERE o.status = 'won' AND o.closed_on BETWEEN :from AND :to) AS cycle,
  SUM(CASE WHEN o.currency = 'USD' THEN o.amount ELSE CAST(o.amount AS DECIMAL(38,4)) * fx.rate END)
    FILTER (WHERE (o.closed_on IS NULL OR o.closed_on > :as_of) AND o.expected_close_on BETWEEN :from AND :to) AS pipeline
FROM opportunities o
LEFT JOIN rates fx ON fx.currency = o.currency AND fx.day = COALESCE(LEAST(o.closed_on, :as_of), :as_of)
WHERE o.closed_on BETWEEN :from AND :to OR o.created_on BETWEEN :from AND :to
  OR o.expected_close_on BETWEEN :from AND :to

/**
 * The data-quality checks: one SQL statement each, written portably (engine differences go
 * through the dialect). Each statement selects `record_type`, `record_id` and the fields
 * that explain the problem; the report adds the count, the order and the limit.
 *
 * Deals are read in their state as of the as-of date, through the same source as the
 * metrics (a close dated later has not happened, deals created later do not exist), so a
 * check agrees with the metric it warns about (non_positive_cycle is sales_cycle_length's
 * `excluded`, won_no_amount is average_deal_size's).
 */
import {
  asOf,
  dateOf,
  deals,
  inPeriod,
  ownedBy,
  show,
  unknownRefs,
  type QualityCheck,
} from './check-kit.js'

export {
  checkIds,
  type CheckContext,
  type CheckId,
  type QualityCheck,
  type Severity,
} from './check-kit.js'

const dealColumns = `'opportunity' AS record_type, o.id AS record_id, o.name, o.owner_id`

export const checks: readonly QualityCheck[] = [
  {
    id: 'open_no_amount',
    severity: 'warning',
    description: () => 'Open deals with no amount: pipeline coverage leaves them out',
    descriptionPl: () => 'Otwarte transakcje bez kwoty: pokrycie lejka ich nie uwzględnia',
    periodDate: 'created_on',
    // An empty amount is unknown (NULL); 0 is a real amount.
    sql: (ctx) =>
      `SELECT ${dealColumns}, o.stage, o.created_on, o.amount, o.currency
         FROM ${deals(ctx)} o
        WHERE o.status = 'open' AND o.amount IS NULL${inPeriod(ctx, 'o.created_on')}${ownedBy(ctx, 'o.owner_id')}`,
    orderBy: 'created_on, record_id',
    numbers: ['amount'],
    detail: (r) =>
      `amount ${show(r.amount)} ${show(r.currency)}, stage ${show(r.stage)}, created ${show(r.created_on)}`,
  },
  {
    id: 'won_no_amount',
    severity: 'warning',
    description: () =>
      'Won deals without an amount (CRM exports often leave it empty): revenue and deal size leave them out (excluded_reason no_amount)',
    descriptionPl: () =>
      'Wygrane transakcje bez kwoty (eksporty z CRM często zostawiają ją pustą): przychody i średnia wartość transakcji ich nie uwzględniają',
    periodDate: 'closed_on',
    // The money metrics' `excluded`: their measures leave out won deals without an amount,
    // by close date as of the same date.
    sql: (ctx) =>
      `SELECT ${dealColumns}, o.created_on, o.closed_on, o.amount, o.currency
         FROM ${deals(ctx)} o
        WHERE o.status = 'won' AND o.amount IS NULL${inPeriod(ctx, 'o.closed_on')}${ownedBy(ctx, 'o.owner_id')}`,
    orderBy: 'closed_on, record_id',
    numbers: ['amount'],
    detail: (r) =>
      `won on ${show(r.closed_on)} without an amount: left out of revenue and average_deal_size`,
  },
  {
    id: 'open_no_close_date',
    severity: 'warning',
    description: () => 'Open deals with no expected close date',
    descriptionPl: () => 'Otwarte transakcje bez przewidywanej daty zamknięcia',
    periodDate: 'created_on',
    // Deals closed after the as-of date are open as of it, but their own check says why.
    sql: (ctx) =>
      `SELECT ${dealColumns}, o.stage, o.created_on, o.amount, o.currency
         FROM ${deals(ctx)} o
        WHERE o.status = 'open' AND o.expected_close_on IS NULL
          AND o.id NOT IN (${closedLater(ctx)})${inPeriod(ctx, 'o.created_on')}${ownedBy(ctx, 'o.owner_id')}`,
    orderBy: 'created_on, record_id',
    numbers: ['amount'],
    detail: (r) => `no expected_close_on, stage ${show(r.stage)}, created ${show(r.created_on)}`,
  },
  {
    id: 'closed_after_as_of',
    severity: 'info',
    description: () =>
      'Deals marked won or lost with a close date after the as-of date: open as of it',
    descriptionPl: () =>
      'Transakcje wygrane lub przegrane z datą zamknięcia po dniu stanu: na ten dzień otwarte',
    periodDate: 'created_on',
    sql: (ctx) =>
      `SELECT ${dealColumns}, o.status, o.created_on, o.closed_on, o.amount, o.currency
         FROM opportunities o
        WHERE o.id IN (${closedLater(ctx)})${inPeriod(ctx, 'o.created_on')}${ownedBy(ctx, 'o.owner_id')}`,
    orderBy: 'closed_on, record_id',
    numbers: ['amount'],
    detail: (r) =>
      `${show(r.status)} on ${show(r.closed_on)}, after the as-of date: counted as open until then`,
  },
  {
    id: 'open_close_date_past',
    severity: 'warning',
    description: () => 'Open deals whose expected close date has passed',
    descriptionPl: () => 'Otwarte transakcje, których przewidywana data zamknięcia minęła',
    periodDate: 'expected_close_on',
    sql: (ctx) =>
      `SELECT ${dealColumns}, o.stage, o.expected_close_on,
              ${ctx.dialect.daysBetween('o.expected_close_on', asOf(ctx))} AS days_overdue, o.amount, o.currency
         FROM ${deals(ctx)} o
        WHERE o.status = 'open' AND o.expected_close_on < ${asOf(ctx)}${inPeriod(ctx, 'o.expected_close_on')}${ownedBy(ctx, 'o.owner_id')}`,
    orderBy: 'expected_close_on, record_id',
    numbers: ['amount'],
    detail: (r) =>
      `expected_close_on ${show(r.expected_close_on)}, ${show(r.days_overdue)} days overdue, stage ${show(r.stage)}`,
  },
  {
    id: 'close_date_pushed',
    severity: 'info',
    description: () => 'Deals whose expected close date moved later more than twice',
    descriptionPl: () =>
      'Transakcje, których przewidywana data zamknięcia przesunęła się na później więcej niż dwa razy',
    periodDate: 'expected_close_on',
    // A push is a logged change to a later date; setting a first date or pulling it in is not.
    sql: (ctx) =>
      `SELECT ${dealColumns}, o.status, o.expected_close_on, p.pushes, p.last_pushed_on
         FROM ${deals(ctx)} o
         JOIN (SELECT c.opportunity_id, COUNT(*) AS pushes, MAX(${dateOf('c.changed_at')}) AS last_pushed_on
                 FROM opportunity_changes c
                WHERE c.field = 'expected_close_on' AND ${dateOf('c.changed_at')} <= ${asOf(ctx)}
                  AND ${ctx.dialect.tryCast('c.new_value', 'date')} > ${ctx.dialect.tryCast('c.old_value', 'date')}
                GROUP BY c.opportunity_id
               HAVING COUNT(*) > 2) p ON p.opportunity_id = o.id
        WHERE 1 = 1${inPeriod(ctx, 'o.expected_close_on')}${ownedBy(ctx, 'o.owner_id')}`,
    orderBy: 'pushes DESC, record_id',
    detail: (r) =>
      `expected close date pushed later ${show(r.pushes)} times, last on ${show(r.last_pushed_on)}; now ${show(r.expected_close_on)}`,
  },
  {
    id: 'stale',
    severity: 'info',
    description: ({ staleDays }) =>
      `Open deals with no stage change for more than ${staleDays} days`,
    descriptionPl: ({ staleDays }) =>
      `Otwarte transakcje bez zmiany etapu od ponad ${staleDays} dni`,
    periodDate: 'created_on',
    // The last stage change: the later of the stage history and the change log (the stage
    // history on a tie), else creation. Each may hold moves the other lacks.
    sql: (ctx) => {
      const days = ctx.dialect.daysBetween('s.last_stage_change_on', asOf(ctx))
      const fromHistory =
        'sc.last_on IS NOT NULL AND (oc.last_on IS NULL OR sc.last_on >= oc.last_on)'
      return `SELECT 'opportunity' AS record_type, s.id AS record_id, s.name, s.owner_id, s.stage, s.created_on,
              s.last_stage_change_on, s.basis, ${days} AS days_without_change
         FROM (SELECT o.id, o.name, o.owner_id, o.stage, o.created_on,
                      CASE WHEN ${fromHistory} THEN sc.last_on
                           WHEN oc.last_on IS NOT NULL THEN oc.last_on
                           ELSE o.created_on END AS last_stage_change_on,
                      CASE WHEN ${fromHistory} THEN 'stage_changes'
                           WHEN oc.last_on IS NOT NULL THEN 'opportunity_changes'
                           ELSE 'created_on' END AS basis
                 FROM ${deals(ctx)} o
                 LEFT JOIN (SELECT opportunity_id, MAX(${dateOf('entered_at')}) AS last_on FROM stage_changes
                             WHERE ${dateOf('entered_at')} <= ${asOf(ctx)} GROUP BY opportunity_id) sc
                   ON sc.opportunity_id = o.id
                 LEFT JOIN (SELECT opportunity_id, MAX(${dateOf('changed_at')}) AS last_on FROM opportunity_changes
                             WHERE field = 'stage' AND ${dateOf('changed_at')} <= ${asOf(ctx)} GROUP BY opportunity_id) oc
                   ON oc.opportunity_id = o.id
                WHERE o.status = 'open'${inPeriod(ctx, 'o.created_on')}${ownedBy(ctx, 'o.owner_id')}) s
        WHERE ${days} > ${ctx.params.add(ctx.staleDays)}`
    },
    orderBy: 'days_without_change DESC, record_id',
    detail: (r) =>
      `no stage change for ${show(r.days_without_change)} days (last ${show(r.last_stage_change_on)}, from ${show(r.basis)}), stage ${show(r.stage)}`,
  },
  {
    id: 'negative_cycle',
    severity: 'error',
    description: () =>
      'Won or lost deals closed before their creation date (left out of the sales cycle; a same-day deal is a 0-day cycle and counts)',
    descriptionPl: () =>
      'Transakcje zamknięte przed datą utworzenia (pominięte w cyklu sprzedaży; transakcja z tego samego dnia ma cykl 0 dni i się liczy)',
    periodDate: 'closed_on',
    sql: (ctx) =>
      `SELECT ${dealColumns}, o.status, o.created_on, o.closed_on, o.cycle_days
         FROM ${deals(ctx)} o
        WHERE o.status IN ('won', 'lost') AND o.cycle_days < 0${inPeriod(ctx, 'o.closed_on')}${ownedBy(ctx, 'o.owner_id')}`,
    orderBy: 'closed_on, record_id',
    detail: (r) =>
      `${show(r.status)} on ${show(r.closed_on)}, created ${show(r.created_on)}: cycle of ${show(r.cycle_days)} days`,
  },
  {
    id: 'duplicate_deals',
    severity: 'error',
    description: ({ duplicateDays }) =>
      `Possible duplicate deals: same account and name (case and spaces ignored), each created within ${duplicateDays} days of another (a chain)`,
    descriptionPl: ({ duplicateDays }) =>
      `Możliwe duplikaty: ten sam klient i nazwa (bez względu na wielkość liter i spacje), każda utworzona w odstępie do ${duplicateDays} dni od innej`,
    periodDate: 'created_on (of any deal of the group)',
    // Repeat purchases share a name ("Account - Product"), so only deals created close together
    // count. Deals of one account and name, ordered by creation, start a new group where the gap
    // to the previous one exceeds the window: a group is a chain of deals each within the window
    // of the next, and a deal is listed exactly when another deal is within the window of it.
    // A group is named by its smallest id; with a period, a group counts if any of its deals
    // was created in it, and all its deals are listed.
    sql: (ctx) => {
      const key = 'PARTITION BY o.account_id, LOWER(TRIM(o.name))'
      const gap = ctx.dialect.daysBetween(
        `LAG(o.created_on) OVER (${key} ORDER BY o.created_on, o.id)`,
        'o.created_on',
      )
      const group = 'PARTITION BY g.account_id, g.name_key, g.chain'
      const inP = ctx.period
        ? `CASE WHEN 1 = 1${inPeriod(ctx, 'o.created_on')} THEN 1 ELSE 0 END`
        : '1'
      return `SELECT 'opportunity' AS record_type, d.id AS record_id, d.name, d.account_id, d.owner_id, d.status,
              d.created_on, d.amount, d.currency, d.duplicate_group, d.group_size
         FROM (SELECT g.*, MIN(g.id) OVER (${group}) AS duplicate_group, COUNT(*) OVER (${group}) AS group_size,
                      SUM(g.in_period) OVER (${group}) AS group_in_period
                 FROM (SELECT s.*, SUM(s.starts_chain) OVER (PARTITION BY s.account_id, s.name_key
                                     ORDER BY s.created_on, s.id ROWS UNBOUNDED PRECEDING) AS chain
                         FROM (SELECT o.*, LOWER(TRIM(o.name)) AS name_key, ${inP} AS in_period,
                                      CASE WHEN ${gap} <= ${ctx.params.add(ctx.duplicateDays)} THEN 0 ELSE 1 END AS starts_chain
                                 FROM ${deals(ctx)} o
                                WHERE o.account_id IS NOT NULL AND TRIM(o.name) <> ''${ownedBy(ctx, 'o.owner_id')}) s) g) d
        WHERE d.group_size > 1 AND d.group_in_period > 0`
    },
    orderBy: 'account_id, duplicate_group, record_id',
    numbers: ['amount'],
    detail: (r) =>
      `'${show(r.name)}' of account ${show(r.account_id)}: ${show(r.group_size)} deals (group ${show(r.duplicate_group)})`,
  },
  {
    id: 'unknown_owner',
    severity: 'error',
    description: () => 'Opportunities, leads and activities whose owner is not in reps',
    descriptionPl: () =>
      'Szanse, leady i aktywności, których właściciela nie ma wśród przedstawicieli (reps)',
    periodDate: 'created_on (activities: started_at)',
    sql: (ctx) =>
      unknownRefs(ctx, 'reps', [
        {
          type: 'opportunity',
          from: deals(ctx),
          column: 'owner_id',
          date: 'x.created_on',
          owner: 'x.owner_id',
        },
        {
          type: 'lead',
          from: 'leads',
          column: 'owner_id',
          date: 'x.created_on',
          owner: 'x.owner_id',
        },
        {
          type: 'activity',
          from: 'activities',
          column: 'rep_id',
          date: dateOf('x.started_at'),
          owner: 'x.rep_id',
        },
      ]),
    orderBy: 'record_type, record_date, record_id',
    detail: (r) => `${show(r.field)} ${show(r.missing_id)} is not in reps`,
  },
  {
    id: 'unknown_account',
    severity: 'error',
    description: () => 'Opportunities, leads and subscriptions whose account is not in accounts',
    descriptionPl: () =>
      'Szanse, leady i subskrypcje, których klienta nie ma wśród klientów (accounts)',
    periodDate: 'created_on (subscriptions: started_on)',
    sql: (ctx) =>
      unknownRefs(ctx, 'accounts', [
        {
          type: 'opportunity',
          from: deals(ctx),
          column: 'account_id',
          date: 'x.created_on',
          owner: 'x.owner_id',
        },
        {
          type: 'lead',
          from: 'leads',
          column: 'account_id',
          date: 'x.created_on',
          owner: 'x.owner_id',
        },
        // A subscription has no owner: left out when the report is restricted to owners.
        {
          type: 'subscription',
          from: 'subscriptions',
          column: 'account_id',
          date: 'x.started_on',
          owner: null,
        },
      ]),
    orderBy: 'record_type, record_date, record_id',
    detail: (r) => `${show(r.field)} ${show(r.missing_id)} is not in accounts`,
  },
  {
    id: 'overlapping_quotas',
    severity: 'warning',
    description: () =>
      'Quota rows of one rep that overlap another of theirs: metrics never add them up (the longest rows inside a period count, see the README)',
    descriptionPl: () =>
      'Wiersze kwot jednego przedstawiciela nakładające się na inne: wskaźniki nigdy ich nie sumują (liczą się najdłuższe wiersze w okresie, zob. README)',
    periodDate: 'period_start',
    sql: (ctx) =>
      `SELECT 'quota' AS record_type,
              q.rep_id || ' ' || CAST(q.period_start AS ${ctx.dialect.columnType('text')}) || '/' || CAST(q.period_end AS ${ctx.dialect.columnType('text')}) AS record_id,
              q.rep_id, q.period_start, q.period_end, q.amount, q.currency, COUNT(*) AS overlaps
         FROM quotas q JOIN quotas x ON x.rep_id = q.rep_id
          AND NOT (x.period_start = q.period_start AND x.period_end = q.period_end)
          AND x.period_start <= q.period_end AND x.period_end >= q.period_start
        WHERE 1 = 1${inPeriod(ctx, 'q.period_start')}${ownedBy(ctx, 'q.rep_id')}
        GROUP BY q.rep_id, q.period_start, q.period_end, q.amount, q.currency`,
    orderBy: 'rep_id, period_start, record_id',
    numbers: ['amount'],
    detail: (r) =>
      `${show(r.rep_id)}: ${show(r.period_start)} – ${show(r.period_end)} (${show(r.amount)} ${show(r.currency)}) overlaps ${show(r.overlaps)} other row(s)`,
  },
]

/** Deals stored as won or lost whose close date is after the as-of date. */
function closedLater(ctx: Parameters<QualityCheck['sql']>[0]): string {
  return `SELECT id FROM opportunities WHERE status IN ('won', 'lost') AND closed_on > ${asOf(ctx)} AND created_on <= ${asOf(ctx)}`
}

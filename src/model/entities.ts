// The canonical data model (design.md §3) as column specs. Everything else — DDL, import
// validation, upsert, docs — is derived from this one table, so a column is added in one place.
import { entityNames, type EntityName } from './entity-names.js'

/** `decimal` is money and hours (4 places); `rate` an exchange rate (10 places: JPY, VND). */
export type ColumnType = 'text' | 'date' | 'timestamp' | 'decimal' | 'rate' | 'integer' | 'boolean'

export interface ColumnSpec {
  name: string
  type: ColumnType
  required?: boolean
  /** Allowed values for a text column (checked on import). */
  values?: readonly string[]
  /** Value used on import when the cell is empty or the column absent. `base_currency` is the setting. */
  default?: string | { setting: 'base_currency' } | { concat: readonly string[] }
  /** Decimals must be >= 0 (amounts, hours). */
  nonNegative?: boolean
  /** Ratio-like decimals in [0, 100] (probability). */
  range?: readonly [number, number]
  /** The id column of another entity this one points at; unknown ids are warnings, not errors. */
  references?: EntityName
}

export interface EntitySpec {
  name: EntityName
  columns: readonly ColumnSpec[]
  /** Columns identifying a row; upsert matches on them. */
  key: readonly string[]
  description: string
  /** Cross-column rules beyond each column's own type and values. */
  rules?: readonly RowRule[]
}

/**
 * A rule flags a bad row: `bad` is a portable SQL predicate over the typed columns
 * (quoted names), true for a row that breaks the rule.
 */
export interface RowRule {
  column: string
  reason: string
  bad: string
}

export { entityNames, type EntityName }

const periodOrder: RowRule = {
  column: 'period_end',
  reason: 'period_end is before period_start',
  bad: '"period_end" < "period_start"',
}

const currency: ColumnSpec = {
  name: 'currency',
  type: 'text',
  default: { setting: 'base_currency' },
}

export const entities: Record<EntityName, EntitySpec> = {
  reps: {
    name: 'reps',
    description: 'Sales reps, their team and manager.',
    key: ['id'],
    columns: [
      { name: 'id', type: 'text', required: true },
      { name: 'name', type: 'text', required: true },
      { name: 'email', type: 'text' },
      { name: 'team', type: 'text' },
      { name: 'manager_id', type: 'text', references: 'reps' },
      { name: 'active_from', type: 'date' },
      { name: 'active_to', type: 'date' },
    ],
  },
  rep_teams: {
    name: 'rep_teams',
    description:
      'Which team a rep was in from when to when (history; without it, reps.team and the changes seen when reps is re-imported).',
    key: ['rep_id', 'valid_from'],
    rules: [
      {
        column: 'valid_to',
        reason: 'valid_to is before valid_from',
        bad: '"valid_to" < "valid_from"',
      },
    ],
    columns: [
      { name: 'rep_id', type: 'text', required: true, references: 'reps' },
      { name: 'team', type: 'text', required: true },
      // Empty: in the team since before any record (stored as 1900-01-01).
      { name: 'valid_from', type: 'date', default: '1900-01-01' },
      { name: 'valid_to', type: 'date' },
    ],
  },
  accounts: {
    name: 'accounts',
    description: 'Companies sold to.',
    key: ['id'],
    columns: [
      { name: 'id', type: 'text', required: true },
      { name: 'name', type: 'text', required: true },
      { name: 'segment', type: 'text' },
      { name: 'industry', type: 'text' },
      { name: 'region', type: 'text' },
      { name: 'created_on', type: 'date' },
    ],
  },
  leads: {
    name: 'leads',
    description: 'Leads with their qualification and conversion dates.',
    key: ['id'],
    columns: [
      { name: 'id', type: 'text', required: true },
      { name: 'created_on', type: 'date', required: true },
      { name: 'source', type: 'text' },
      { name: 'owner_id', type: 'text', references: 'reps' },
      { name: 'account_id', type: 'text', references: 'accounts' },
      { name: 'qualified_on', type: 'date' },
      { name: 'converted_on', type: 'date' },
      { name: 'disqualified_on', type: 'date' },
      { name: 'opportunity_id', type: 'text', references: 'opportunities' },
    ],
  },
  opportunities: {
    name: 'opportunities',
    description: 'Deals: open, won or lost.',
    key: ['id'],
    rules: [
      {
        column: 'closed_on',
        reason: 'closed_on is required when status is won or lost',
        bad: `"status" IN ('won', 'lost') AND "closed_on" IS NULL`,
      },
    ],
    columns: [
      { name: 'id', type: 'text', required: true },
      { name: 'name', type: 'text' },
      { name: 'account_id', type: 'text', references: 'accounts' },
      { name: 'owner_id', type: 'text', references: 'reps' },
      { name: 'lead_id', type: 'text', references: 'leads' },
      { name: 'source', type: 'text' },
      { name: 'pipeline', type: 'text', default: 'default' },
      { name: 'stage', type: 'text' },
      { name: 'status', type: 'text', required: true, values: ['open', 'won', 'lost'] },
      // Empty when unknown: such a deal counts in counts and is left out of money (no_amount).
      { name: 'amount', type: 'decimal', nonNegative: true },
      currency,
      { name: 'created_on', type: 'date', required: true },
      { name: 'closed_on', type: 'date' },
      { name: 'expected_close_on', type: 'date' },
      { name: 'probability', type: 'decimal', range: [0, 100] },
      { name: 'product', type: 'text' },
      { name: 'lost_reason', type: 'text' },
      // The CRM's call on the deal (Salesforce ForecastCategoryName, HubSpot Forecast
      // category): `miernik forecast snapshot` splits commit, best case and pipeline by it.
      // Last, as migration 6 adds it to the end of the table.
      {
        name: 'forecast_category',
        type: 'text',
        values: ['commit', 'best_case', 'pipeline', 'omitted'],
      },
    ],
  },
  stage_changes: {
    name: 'stage_changes',
    description: 'When a deal entered a stage (its stage history).',
    key: ['opportunity_id', 'stage', 'entered_at'],
    columns: [
      { name: 'opportunity_id', type: 'text', required: true, references: 'opportunities' },
      { name: 'stage', type: 'text', required: true },
      { name: 'entered_at', type: 'timestamp', required: true },
    ],
  },
  stages: {
    name: 'stages',
    description: 'Pipeline stages in order, with their kind.',
    key: ['pipeline', 'stage'],
    columns: [
      { name: 'pipeline', type: 'text', default: 'default' },
      { name: 'stage', type: 'text', required: true },
      { name: 'position', type: 'integer', required: true },
      { name: 'probability', type: 'decimal', range: [0, 100] },
      { name: 'kind', type: 'text', values: ['open', 'won', 'lost'], default: 'open' },
    ],
  },
  activities: {
    name: 'activities',
    description: 'Logged rep activities (calls, meetings, admin...).',
    key: ['id'],
    columns: [
      // Activities exported without ids get one from rep, start and type, so re-imports match.
      { name: 'id', type: 'text', default: { concat: ['rep_id', 'started_at', 'type'] } },
      { name: 'rep_id', type: 'text', required: true, references: 'reps' },
      { name: 'type', type: 'text', required: true },
      { name: 'started_at', type: 'timestamp', required: true },
      { name: 'duration_minutes', type: 'decimal', required: true, nonNegative: true },
      { name: 'selling', type: 'boolean' },
      { name: 'opportunity_id', type: 'text', references: 'opportunities' },
      { name: 'account_id', type: 'text', references: 'accounts' },
    ],
  },
  work_time: {
    name: 'work_time',
    rules: [periodOrder],
    description: 'Hours each rep worked in a period.',
    key: ['rep_id', 'period_start', 'period_end'],
    columns: [
      { name: 'rep_id', type: 'text', required: true, references: 'reps' },
      { name: 'period_start', type: 'date', required: true },
      { name: 'period_end', type: 'date', required: true },
      { name: 'hours', type: 'decimal', required: true, nonNegative: true },
    ],
  },
  quotas: {
    name: 'quotas',
    rules: [periodOrder],
    description: 'Rep quotas per period.',
    key: ['rep_id', 'period_start', 'period_end'],
    columns: [
      { name: 'rep_id', type: 'text', required: true, references: 'reps' },
      { name: 'period_start', type: 'date', required: true },
      { name: 'period_end', type: 'date', required: true },
      { name: 'amount', type: 'decimal', required: true, nonNegative: true },
      currency,
    ],
  },
  spend: {
    name: 'spend',
    rules: [periodOrder],
    description: 'Marketing and sales spend per period and channel.',
    key: ['period_start', 'period_end', 'category', 'channel'],
    columns: [
      { name: 'period_start', type: 'date', required: true },
      { name: 'period_end', type: 'date', required: true },
      { name: 'category', type: 'text', required: true, values: ['marketing', 'sales'] },
      { name: 'channel', type: 'text', default: 'unspecified' },
      { name: 'amount', type: 'decimal', required: true, nonNegative: true },
      currency,
    ],
  },
  forecasts: {
    name: 'forecasts',
    rules: [periodOrder],
    description: 'Revenue forecasts made on a date for a period.',
    key: ['made_on', 'period_start', 'period_end', 'scope', 'category'],
    columns: [
      { name: 'made_on', type: 'date', required: true },
      { name: 'period_start', type: 'date', required: true },
      { name: 'period_end', type: 'date', required: true },
      { name: 'scope', type: 'text', default: 'company' },
      { name: 'amount', type: 'decimal', required: true, nonNegative: true },
      currency,
      {
        name: 'category',
        type: 'text',
        values: ['commit', 'best_case', 'pipeline'],
        default: 'commit',
      },
    ],
  },
  subscriptions: {
    name: 'subscriptions',
    description: 'Recurring contracts; they define who is a customer.',
    key: ['id'],
    rules: [
      {
        column: 'ended_on',
        reason: 'ended_on is before started_on',
        bad: '"ended_on" < "started_on"',
      },
    ],
    columns: [
      { name: 'id', type: 'text', required: true },
      { name: 'account_id', type: 'text', required: true, references: 'accounts' },
      { name: 'started_on', type: 'date', required: true },
      { name: 'ended_on', type: 'date' },
      { name: 'recurring_amount', type: 'decimal', required: true, nonNegative: true },
      { name: 'interval', type: 'text', values: ['month', 'year'], default: 'month' },
      currency,
    ],
  },
  fx_rates: {
    name: 'fx_rates',
    description: 'Units of base currency for one unit of a currency, from a date on.',
    key: ['currency', 'on'],
    columns: [
      { name: 'currency', type: 'text', required: true },
      { name: 'on', type: 'date', required: true },
      { name: 'rate', type: 'rate', required: true },
    ],
    rules: [{ column: 'rate', reason: 'rate must be greater than 0', bad: '"rate" <= 0' }],
  },
  targets: {
    name: 'targets',
    rules: [periodOrder],
    description: 'Target values of metrics per period.',
    key: ['metric', 'period_start', 'period_end', 'scope'],
    columns: [
      { name: 'metric', type: 'text', required: true },
      { name: 'period_start', type: 'date', required: true },
      { name: 'period_end', type: 'date', required: true },
      { name: 'scope', type: 'text', default: 'company' },
      { name: 'value', type: 'decimal', required: true },
    ],
  },
}

export function isEntityName(s: string): s is EntityName {
  return (entityNames as readonly string[]).includes(s)
}

export function columnOf(entity: EntityName, column: string): ColumnSpec | undefined {
  return entities[entity].columns.find((c) => c.name === column)
}

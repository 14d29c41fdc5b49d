import type { ColumnType } from '../entities.js'

/**
 * The tables of schema version 1 exactly as it shipped, frozen: migration 1 must build
 * what it always built, whatever entities.ts says now. Per table: its key and each
 * column's name, type and whether it is NOT NULL.
 */
export interface FrozenTable {
  key: readonly string[]
  columns: readonly (readonly [name: string, type: ColumnType, notNull: boolean])[]
}

export const v1Tables: Record<string, FrozenTable> = {
  reps: {
    key: ['id'],
    columns: [
      ['id', 'text', true],
      ['name', 'text', true],
      ['email', 'text', false],
      ['team', 'text', false],
      ['manager_id', 'text', false],
      ['active_from', 'date', false],
      ['active_to', 'date', false],
    ],
  },
  accounts: {
    key: ['id'],
    columns: [
      ['id', 'text', true],
      ['name', 'text', true],
      ['segment', 'text', false],
      ['industry', 'text', false],
      ['region', 'text', false],
      ['created_on', 'date', false],
    ],
  },
  leads: {
    key: ['id'],
    columns: [
      ['id', 'text', true],
      ['created_on', 'date', true],
      ['source', 'text', false],
      ['owner_id', 'text', false],
      ['account_id', 'text', false],
      ['qualified_on', 'date', false],
      ['converted_on', 'date', false],
      ['disqualified_on', 'date', false],
      ['opportunity_id', 'text', false],
    ],
  },
  opportunities: {
    key: ['id'],
    columns: [
      ['id', 'text', true],
      ['name', 'text', false],
      ['account_id', 'text', false],
      ['owner_id', 'text', false],
      ['lead_id', 'text', false],
      ['source', 'text', false],
      ['pipeline', 'text', false],
      ['stage', 'text', false],
      ['status', 'text', true],
      ['amount', 'decimal', true],
      ['currency', 'text', false],
      ['created_on', 'date', true],
      ['closed_on', 'date', false],
      ['expected_close_on', 'date', false],
      ['probability', 'decimal', false],
      ['product', 'text', false],
      ['lost_reason', 'text', false],
    ],
  },
  stage_changes: {
    key: ['opportunity_id', 'stage', 'entered_at'],
    columns: [
      ['opportunity_id', 'text', true],
      ['stage', 'text', true],
      ['entered_at', 'timestamp', true],
    ],
  },
  stages: {
    key: ['pipeline', 'stage'],
    columns: [
      ['pipeline', 'text', true],
      ['stage', 'text', true],
      ['position', 'integer', true],
      ['probability', 'decimal', false],
      ['kind', 'text', false],
    ],
  },
  activities: {
    key: ['id'],
    columns: [
      ['id', 'text', true],
      ['rep_id', 'text', true],
      ['type', 'text', true],
      ['started_at', 'timestamp', true],
      ['duration_minutes', 'decimal', true],
      ['selling', 'boolean', false],
      ['opportunity_id', 'text', false],
      ['account_id', 'text', false],
    ],
  },
  work_time: {
    key: ['rep_id', 'period_start', 'period_end'],
    columns: [
      ['rep_id', 'text', true],
      ['period_start', 'date', true],
      ['period_end', 'date', true],
      ['hours', 'decimal', true],
    ],
  },
  quotas: {
    key: ['rep_id', 'period_start', 'period_end'],
    columns: [
      ['rep_id', 'text', true],
      ['period_start', 'date', true],
      ['period_end', 'date', true],
      ['amount', 'decimal', true],
      ['currency', 'text', false],
    ],
  },
  spend: {
    key: ['period_start', 'period_end', 'category', 'channel'],
    columns: [
      ['period_start', 'date', true],
      ['period_end', 'date', true],
      ['category', 'text', true],
      ['channel', 'text', true],
      ['amount', 'decimal', true],
      ['currency', 'text', false],
    ],
  },
  forecasts: {
    key: ['made_on', 'period_start', 'period_end', 'scope', 'category'],
    columns: [
      ['made_on', 'date', true],
      ['period_start', 'date', true],
      ['period_end', 'date', true],
      ['scope', 'text', true],
      ['amount', 'decimal', true],
      ['currency', 'text', false],
      ['category', 'text', true],
    ],
  },
  subscriptions: {
    key: ['id'],
    columns: [
      ['id', 'text', true],
      ['account_id', 'text', true],
      ['started_on', 'date', true],
      ['ended_on', 'date', false],
      ['recurring_amount', 'decimal', true],
      ['interval', 'text', false],
      ['currency', 'text', false],
    ],
  },
  fx_rates: {
    key: ['currency', 'on'],
    columns: [
      ['currency', 'text', true],
      ['on', 'date', true],
      ['rate', 'rate', true],
    ],
  },
  targets: {
    key: ['metric', 'period_start', 'period_end', 'scope'],
    columns: [
      ['metric', 'text', true],
      ['period_start', 'date', true],
      ['period_end', 'date', true],
      ['scope', 'text', true],
      ['value', 'decimal', true],
    ],
  },
}

import type { Dialect } from '../../store/dialect.js'
import { dealDaysCreate, dealDaysRefresh } from '../deal-days.js'
import { tableSql } from '../schema.js'
import { v1Tables } from './v1-tables.js'

/**
 * Numbered migrations, applied in order and recorded in schema_migrations. Never edit
 * one that has shipped: add the next number. Migration 1 builds the tables as they were
 * in version 1 (frozen in v1-tables.ts); later ones change them to what entities.ts says.
 */
export interface Migration {
  version: number
  name: string
  statements(dialect: Dialect): string[]
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'canonical schema and settings',
    statements: (d) => [
      ...Object.entries(v1Tables).map(([name, table]) => tableSql(name, table, d)),
      `CREATE TABLE settings (${d.quoteIdent('key')} ${d.columnType('text')} PRIMARY KEY, ${d.quoteIdent('value')} ${d.columnType('text')} NOT NULL)`,
      `INSERT INTO settings VALUES ('base_currency', 'USD'), ('fiscal_year_start_month', '1')`,
    ],
  },
  {
    version: 2,
    name: 'opportunity change log',
    // Not an importable entity: imports write it when a deal's tracked field (stage,
    // expected_close_on, amount, status) differs from what was stored, or from a CRM's
    // own history export. Data quality (pushed close dates) reads it.
    statements: (d) => [
      `CREATE TABLE opportunity_changes (
        opportunity_id ${d.columnType('text')} NOT NULL,
        field ${d.columnType('text')} NOT NULL,
        old_value ${d.columnType('text')},
        new_value ${d.columnType('text')},
        changed_at ${d.columnType('timestamp')} NOT NULL,
        source ${d.columnType('text')} NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'engine helper functions',
    // PostgreSQL: the try-cast functions of its dialect. DuckDB has TRY_CAST built in.
    statements: (d) => d.setupStatements(),
  },
  {
    version: 4,
    name: 'optional deal amounts and rep team history',
    // An unknown amount is NULL (0 is a real amount); rep_teams dates a rep's team. Both
    // statements may run twice (a migration re-run after its record was lost).
    statements: (d) => [
      `ALTER TABLE opportunities ALTER COLUMN amount DROP NOT NULL`,
      tableSql('rep_teams', repTeamsV4, d, { ifNotExists: true }),
    ],
  },
  {
    version: 5,
    name: 'users, sessions, api tokens and the audit log',
    // Not entities: no import writes them, and `copy` leaves them (a team's users are set up
    // where the team works). Secrets are stored hashed only.
    statements: (d) => {
      const t = (type: 'text' | 'timestamp' | 'integer' | 'boolean') => d.columnType(type)
      return [
        `CREATE TABLE IF NOT EXISTS users (
          email ${t('text')} PRIMARY KEY,
          name ${t('text')},
          role ${t('text')} NOT NULL,
          password_hash ${t('text')} NOT NULL,
          created_at ${t('timestamp')} NOT NULL,
          failed_sign_ins ${t('integer')} NOT NULL DEFAULT 0,
          locked_until ${t('timestamp')}
        )`,
        `CREATE TABLE IF NOT EXISTS sessions (
          token_hash ${t('text')} PRIMARY KEY,
          email ${t('text')} NOT NULL,
          created_at ${t('timestamp')} NOT NULL,
          expires_at ${t('timestamp')} NOT NULL
        )`,
        `CREATE TABLE IF NOT EXISTS api_tokens (
          id ${t('text')} PRIMARY KEY,
          email ${t('text')} NOT NULL,
          name ${t('text')} NOT NULL,
          token_hash ${t('text')} NOT NULL,
          scope ${t('text')} NOT NULL,
          created_at ${t('timestamp')} NOT NULL,
          last_used_at ${t('timestamp')},
          revoked_at ${t('timestamp')}
        )`,
        `CREATE TABLE IF NOT EXISTS audit_log (
          happened_at ${t('timestamp')} NOT NULL,
          actor ${t('text')},
          action ${t('text')} NOT NULL,
          target ${t('text')},
          ok ${t('boolean')} NOT NULL,
          detail ${t('text')}
        )`,
      ]
    },
  },
  {
    version: 6,
    name: 'saved review packs',
    // A pack as it was presented: its input and every figure (JSON), never recomputed.
    statements: (d) => {
      const t = (type: 'text' | 'timestamp' | 'integer' | 'date') => d.columnType(type)
      return [
        `CREATE TABLE IF NOT EXISTS reviews (
          id ${t('integer')} PRIMARY KEY,
          label ${t('text')} NOT NULL,
          period_start ${t('date')} NOT NULL,
          period_end ${t('date')} NOT NULL,
          as_of ${t('date')} NOT NULL,
          scope ${t('text')},
          input ${t('text')} NOT NULL,
          filters ${t('text')} NOT NULL,
          pack ${t('text')} NOT NULL,
          saved_at ${t('timestamp')} NOT NULL,
          saved_by ${t('text')}
        )`,
      ]
    },
  },
  {
    version: 7,
    name: 'forecast category of deals',
    // Optional, so existing rows stay valid (NULL: the CRM gave none). May run twice.
    statements: (d) => [
      `ALTER TABLE opportunities ADD COLUMN IF NOT EXISTS forecast_category ${d.columnType('text')}`,
    ],
  },
  {
    version: 8,
    name: 'review schedules and their deliveries',
    // A schedule is never deleted, only marked removed: its id is not reused, so the
    // deliveries recorded under it stay its own. One delivery row per (schedule, due time):
    // the key that keeps a slot from being sent twice by runners that overlap.
    statements: (d) => {
      const t = (type: 'text' | 'timestamp' | 'integer') => d.columnType(type)
      return [
        `CREATE TABLE IF NOT EXISTS schedules (
          id ${t('integer')} PRIMARY KEY,
          kind ${t('text')} NOT NULL,
          cron ${t('text')} NOT NULL,
          time_zone ${t('text')} NOT NULL,
          period ${t('text')} NOT NULL,
          format ${t('text')} NOT NULL,
          lang ${t('text')} NOT NULL,
          scope ${t('text')},
          recipients ${t('text')} NOT NULL,
          created_at ${t('timestamp')} NOT NULL,
          created_by ${t('text')},
          removed_at ${t('timestamp')}
        )`,
        `CREATE TABLE IF NOT EXISTS schedule_deliveries (
          schedule_id ${t('integer')} NOT NULL,
          due_at ${t('timestamp')} NOT NULL,
          status ${t('text')} NOT NULL,
          attempts ${t('integer')} NOT NULL,
          claimed_at ${t('timestamp')},
          next_attempt_at ${t('timestamp')},
          review_id ${t('integer')},
          error ${t('text')},
          sent_at ${t('timestamp')},
          PRIMARY KEY (schedule_id, due_at)
        )`,
      ]
    },
  },
  {
    version: 9,
    name: 'byte-order text and date indexes on PostgreSQL',
    // PostgreSQL only (DuckDB compares text by bytes already, and scans without indexes).
    // 1. Every text column of every table compares in the "C" collation, byte order, as
    //    DuckDB does: ORDER BY ties (names in mixed case, Polish letters) break the same on
    //    both engines whatever the database's collation. Tables added later declare their
    //    text columns COLLATE "C" themselves (Dialect.textColumn).
    // 2. Indexes on the dates deals and leads are counted by, and the change log's time: the
    //    first-record dates (data_from) and the latest change become one index probe
    //    instead of a full scan, and a period's scan reads its rows. Each index costs an
    //    import of 1M deals about 1.5 s, so expected_close_on (pipeline coverage reads a
    //    quarter of the table through it, no faster than a scan) has none.
    // May run twice.
    statements: (d) =>
      d.name === 'duckdb'
        ? []
        : [
            `DO $$
            DECLARE t record;
            BEGIN
              FOR t IN
                SELECT c.relname AS name,
                       string_agg(format('ALTER COLUMN %I TYPE text COLLATE "C"', a.attname), ', '
                                  ORDER BY a.attnum) AS columns
                  FROM pg_attribute a
                  JOIN pg_class c ON c.oid = a.attrelid
                 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                   AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'text'::regtype
                   AND a.attcollation <> '"C"'::regcollation
                 GROUP BY c.relname
              LOOP
                EXECUTE format('ALTER TABLE %I ', t.name) || t.columns;
              END LOOP;
            END $$`,
            ...datedIndexes.map(
              ([table, column]) =>
                `CREATE INDEX IF NOT EXISTS ${table}_${column} ON ${table} (${column})`,
            ),
          ],
  },
  {
    version: 10,
    name: 'deal currency index on PostgreSQL',
    // The fx check asks which currencies the deals are in before each computation: a loose
    // scan of this index (a probe per currency, see Dialect.indexedDistinct) instead of a
    // full scan of the table (0.2 s at 1M deals). A text index of a few distinct values
    // stays small (deduplicated). DuckDB reads the column without one.
    statements: (d) =>
      d.name === 'duckdb'
        ? []
        : ['CREATE INDEX IF NOT EXISTS opportunities_currency ON opportunities (currency)'],
  },
  {
    version: 11,
    name: 'closed deals per day',
    // The deals pre-aggregated per close day and per creation day (model/deal-days.ts), built
    // from the deals already stored by the statements every write of deals runs after it.
    // May run twice (the rebuild replaces the tables' rows).
    statements: (d) => [...dealDaysCreate(d), ...dealDaysRefresh(d)],
  },
]

/** The date columns migration 9 indexes on PostgreSQL. */
const datedIndexes = [
  ['opportunities', 'closed_on'],
  ['opportunities', 'created_on'],
  ['leads', 'created_on'],
  ['opportunity_changes', 'changed_at'],
] as const

/** rep_teams as migration 4 creates it (frozen: later changes get migrations of their own). */
const repTeamsV4 = {
  key: ['rep_id', 'valid_from'],
  columns: [
    ['rep_id', 'text', true],
    ['team', 'text', true],
    ['valid_from', 'date', true],
    ['valid_to', 'date', false],
  ],
} as const

export const latestVersion = Math.max(...migrations.map((m) => m.version))

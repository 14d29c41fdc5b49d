import type { Dialect } from '../../store/dialect.js'
import { createAllTablesSql } from '../schema.js'

/**
 * Numbered migrations, applied in order and recorded in schema_migrations. Never edit
 * one that has shipped: add the next number. Migration 1 builds the tables from the
 * column specs of entities.ts; before the first change to those specs ships, freeze it
 * (its DDL as of version 1) so old and new databases agree on what version 1 was.
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
      ...createAllTablesSql(d),
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
]

export const latestVersion = Math.max(...migrations.map((m) => m.version))

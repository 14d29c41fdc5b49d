import type { Dialect } from '../store/dialect.js'
import { entities, type EntityName } from './entities.js'
import type { FrozenTable } from './migrations/v1-tables.js'

/** CREATE TABLE from a table's key and columns (the primary key where the dialect declares one). */
export function tableSql(
  name: string,
  table: FrozenTable,
  dialect: Dialect,
  options: { ifNotExists?: boolean } = {},
): string {
  const q = dialect.quoteIdent
  const columns = table.columns.map(
    ([column, type, notNull]) =>
      `  ${q(column)} ${dialect.columnType(type)}${notNull ? ' NOT NULL' : ''}`,
  )
  if (dialect.declaresPrimaryKeys) columns.push(`  PRIMARY KEY (${table.key.map(q).join(', ')})`)
  const create = options.ifNotExists ? 'CREATE TABLE IF NOT EXISTS' : 'CREATE TABLE'
  return `${create} ${q(name)} (\n${columns.join(',\n')}\n)`
}

/** An entity's table as its column specs say today: key and required columns are NOT NULL. */
export function entityTable(entity: EntityName): FrozenTable {
  const spec = entities[entity]
  return {
    key: spec.key,
    columns: spec.columns.map(
      (c) => [c.name, c.type, !!c.required || spec.key.includes(c.name)] as const,
    ),
  }
}

import type { Dialect } from '../store/dialect.js'
import { entities, entityNames, type EntityName } from './entities.js'

/** CREATE TABLE for an entity from its column specs; key columns are NOT NULL (and the primary key where the dialect declares one). */
export function createTableSql(entity: EntityName, dialect: Dialect): string {
  const spec = entities[entity]
  const q = dialect.quoteIdent
  const columns = spec.columns.map((c) => {
    const notNull = c.required || spec.key.includes(c.name) ? ' NOT NULL' : ''
    return `  ${q(c.name)} ${dialect.columnType(c.type)}${notNull}`
  })
  if (dialect.declaresPrimaryKeys) columns.push(`  PRIMARY KEY (${spec.key.map(q).join(', ')})`)
  return `CREATE TABLE ${q(entity)} (\n${columns.join(',\n')}\n)`
}

export function createAllTablesSql(dialect: Dialect): string[] {
  return entityNames.map((e) => createTableSql(e, dialect))
}

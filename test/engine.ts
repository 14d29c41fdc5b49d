/**
 * The engine the tests run on: MIERNIK_TEST_ENGINE is set per vitest project (see
 * vitest.config.ts; MIERNIK_TEST_ENGINES picks the projects). Every test asks for a fresh
 * database here and gets one on that engine: DuckDB in memory (or a file for the CLI),
 * PGlite in memory (or a directory), or a schema of its own on the PostgreSQL server at
 * MIERNIK_TEST_PG_URL, dropped after the test.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll } from 'vitest'

export type TestEngine = 'duckdb' | 'pglite' | 'postgres'
export const testEngine = (process.env.MIERNIK_TEST_ENGINE ?? 'duckdb') as TestEngine
export const pgUrl =
  process.env.MIERNIK_TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/miernik_test'

let counter = 0
const schemas: string[] = []
afterAll(async () => {
  if (schemas.length === 0) return
  // A plain connection: dropping schemas needs none of Miernik's tables, and opening the
  // database as a store would check (or change) the schema version of its public schema.
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  try {
    for (const s of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`)
  } finally {
    await client.end()
  }
})

/** A PostgreSQL URL whose tables live in a new schema of their own. */
export function pgSchemaUrl(): string {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`
  schemas.push(schema)
  return `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=${schema}`
}

/** A schema of its own in the process's shared PGlite instance (starting one takes seconds). */
function pgliteSchema(): string {
  return `pglite://memory?schema=t_${Date.now().toString(36)}_${counter++}`
}

/** A new, empty in-process database for one test (`emptyStore`). */
export function memoryLocation(): string {
  if (testEngine === 'pglite') return pgliteSchema()
  if (testEngine === 'postgres') return pgSchemaUrl()
  return ':memory:'
}

/** A new database that outlives one connection, for CLI runs (`--db`). */
export function fileLocation(name = 'test'): string {
  if (testEngine === 'pglite') return pgliteSchema()
  if (testEngine === 'postgres') return pgSchemaUrl()
  return join(mkdtempSync(join(tmpdir(), 'miernik-db-')), `${name}.duckdb`)
}

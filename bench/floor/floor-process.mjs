// A floor as a whole process, the way a user would run a hand-written query: Node with the
// DuckDB driver and nothing else. Plain JavaScript so no TypeScript loader starts with it.
//   node bench/floor/floor-process.mjs catalogue DB FROM TO AS_OF
//   node bench/floor/floor-process.mjs import CSV DB
import process from 'node:process'
import { DuckDBInstance } from '@duckdb/node-api'
import { catalogueFloorSql, importFloorSql } from './floor-sql.mjs'

const [what, ...args] = process.argv.slice(2)
if (what === 'catalogue') {
  const [db, from, to, asOf] = args
  const conn = await (await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' })).connect()
  await conn.run(catalogueFloorSql(from, to, asOf))
} else if (what === 'import') {
  const [csv, db] = args
  const conn = await (await DuckDBInstance.create(db)).connect()
  await conn.run(importFloorSql(csv))
} else {
  throw new Error(`floor-process: unknown floor ${what}`)
}

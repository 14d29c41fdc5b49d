// The floors' SQL, shared by the whole-process runner and the in-process benchmark.
import { readFileSync } from 'node:fs'
import { URL } from 'node:url'

/** The catalogue floor's SQL with its dates in. */
export function catalogueFloorSql(from, to, asOf) {
  const sql = readFileSync(new URL('./catalogue-floor.sql', import.meta.url), 'utf8')
  return sql
    .replaceAll(':from', `DATE '${from}'`)
    .replaceAll(':to', `DATE '${to}'`)
    .replaceAll(':as_of', `DATE '${asOf}'`)
}

/** The import floor: DuckDB reads, types and writes the file in one statement. */
export function importFloorSql(csv) {
  return `CREATE TABLE opportunities AS SELECT id, name, account_id, owner_id, source, pipeline, status,
      CAST(amount AS DECIMAL(18,4)) AS amount, currency, CAST(created_on AS DATE) AS created_on,
      CAST(closed_on AS DATE) AS closed_on, CAST(expected_close_on AS DATE) AS expected_close_on, product
    FROM read_csv('${csv.replaceAll("'", "''")}', header = true, all_varchar = true)`
}

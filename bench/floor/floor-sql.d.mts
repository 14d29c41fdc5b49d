/** The catalogue floor's SQL with its dates in. */
export function catalogueFloorSql(from: string, to: string, asOf: string): string
/** The import floor: DuckDB reads, types and writes the file in one statement. */
export function importFloorSql(csv: string): string

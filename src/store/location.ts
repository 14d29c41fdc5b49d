// Where a --db value points, apart from the drivers: the CLI's start-up reads it before any engine loads.

export const defaultDbPath = './miernik.duckdb'

/** Which engine a --db value names. */
export function engineOf(location: string): 'duckdb' | 'postgres' | 'pglite' {
  if (/^postgres(ql)?:\/\//.test(location)) return 'postgres'
  if (location.startsWith('pglite://')) return 'pglite'
  return 'duckdb'
}

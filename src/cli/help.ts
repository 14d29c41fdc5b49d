import { Option } from 'commander'

/** --db, as every command that opens a database takes it. */
export const dbOption = () =>
  new Option(
    '--db <path>',
    'a DuckDB file (default ./miernik.duckdb), postgres://user:pass@host:5432/db or pglite://memory; or MIERNIK_DB',
  )

/** "Examples:" after a command's help: each a line a user can paste (kept under 80 columns). */
export const examples = (...lines: string[]) =>
  `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`

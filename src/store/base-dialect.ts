import type { ColumnType } from '../model/entities.js'
import type { Dialect } from './dialect.js'

/**
 * What both engines write the same way: standard double-quoted identifiers and `$n`
 * parameters. Each dialect spreads this and states only what differs.
 */
export const baseDialect = {
  quoteIdent: (name: string) => `"${name.replaceAll('"', '""')}"`,
  placeholder: (i: number) => `$${i}`,
} satisfies Partial<Dialect>

/** fx rates are the row of fx_rates in force on a date, per currency. */
export function fxRateJoinVia(
  latestJoin: Dialect['latestJoin'],
): (currencyExpr: string, dateExpr: string, alias: string) => string {
  return (currencyExpr, dateExpr, alias) =>
    latestJoin({
      table: 'fx_rates',
      key: '"currency"',
      on: '"on"',
      columns: ['"rate"'],
      keyExpr: currencyExpr,
      dateExpr,
      alias,
    })
}

/** The shared column types, with the engine's own spelling of the rest. */
export function columnTypes(own: {
  text: string
  decimal: string
  rate: string
}): Record<ColumnType, string> {
  return { date: 'DATE', timestamp: 'TIMESTAMP', integer: 'INTEGER', boolean: 'BOOLEAN', ...own }
}

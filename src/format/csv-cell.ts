import type { Dialect } from '../store/dialect.js'

/**
 * CSV for spreadsheets (OWASP "CSV injection"): a text cell starting with =, +, -, @, a tab
 * or a carriage return is a formula to Excel, LibreOffice and Sheets (=HYPERLINK(...),
 * =cmd|' /C calc'!A0). Such a cell gets a leading apostrophe, which spreadsheets show as
 * text; numbers (-5, +3.2) are numbers and stay as they are.
 */
const formulaStart = /^[=+\-@\t\r]/
const plainNumber = /^[+-]?(\d+([.,]\d+)*|[.,]\d+)([eE][+-]?\d+)?$/

export function csvCell(value: unknown): unknown {
  if (typeof value !== 'string') return value
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value
}

/** The same in SQL, for CSV files a database writes itself (the rejects file). */
export function csvCellSql(expr: string, d: Dialect): string {
  const starts = `SUBSTR(${expr}, 1, 1) IN ('=', '+', '-', '@', CHR(9), CHR(13))`
  const number = d.fullMatch(expr, '[+-]?([0-9]+([.,][0-9]+)*|[.,][0-9]+)([eE][+-]?[0-9]+)?')
  return `CASE WHEN ${starts} AND NOT ${number} THEN '''' || ${expr} ELSE ${expr} END`
}

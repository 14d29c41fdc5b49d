import { MiernikError } from '../../errors.js'
import type { Dialect } from '../../store/dialect.js'

// SQL that rewrites CRM cell text into what the canonical column types parse: ISO dates,
// plain decimals, true/false. Text that does not fit a known shape is passed through
// unchanged, so the type check rejects it and the message shows the cell as written.
// Only portable SQL (regexp_replace with the 'g' flag and \N back-references works the
// same on DuckDB and PostgreSQL) plus `dialect.fullMatch`.

/** Day, month and year order of slashed dates such as 4/8/2025, which no one can guess. */
export interface DateFormat {
  /** As given, e.g. 'MM/DD/YYYY'. */
  text: string
  order: ('D' | 'M' | 'Y')[]
  separator: string
  shortYear: boolean
}

const formatPattern = /^(DD|MM|YYYY|YY)([/.-])(DD|MM|YYYY|YY)\2(DD|MM|YYYY|YY)$/

export function parseDateFormat(text: string): DateFormat {
  const m = text.trim().toUpperCase().match(formatPattern)
  const tokens = m ? [m[1], m[3], m[4]] : []
  const letters = tokens
    .map((t) => t?.[0])
    .sort()
    .join('')
  if (!m || letters !== 'DMY') {
    throw new MiernikError(
      'USAGE',
      `unknown date format '${text}': use day, month and year such as DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY or DD-MM-YY`,
    )
  }
  return {
    text: text.trim().toUpperCase(),
    order: tokens.map((t) => t?.[0]) as DateFormat['order'],
    separator: m[2] as string,
    shortYear: tokens.some((t) => t === 'YY'),
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`

/** Date or date-time text → ISO text. Year-first and dotted day-first dates need no format. */
export function dateText(cell: string, d: Dialect, format?: DateFormat): string {
  const rules: [string, string, string][] = [
    // 22.01.2024 [16:14] — dotted dates are day-first wherever they are written.
    [
      '[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}',
      '^([0-9]{1,2})\\.([0-9]{1,2})\\.([0-9]{4})',
      '\\3-\\2-\\1',
    ],
    ['[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}', '^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})', '\\1-\\2-\\3'],
  ]
  if (format) {
    const sep = escape(format.separator)
    const group = (t: string) =>
      t === 'Y' ? (format.shortYear ? '([0-9]{2})' : '([0-9]{4})') : '([0-9]{1,2})'
    const head = format.order.map(group).join(sep)
    const at = (t: 'D' | 'M' | 'Y') => `\\${format.order.indexOf(t) + 1}`
    const year = format.shortYear ? `20${at('Y')}` : at('Y')
    rules.unshift([head.replaceAll('(', '(?:'), `^${head}`, `${year}-${at('M')}-${at('D')}`])
  }
  const cases = rules
    .map(
      ([shape, from, to]) =>
        `WHEN ${d.fullMatch(cell, `${shape}([ T,].*)?`)} THEN regexp_replace(${cell}, ${literal(from)}, ${literal(to)})`,
    )
    .join(' ')
  // "2024-01-22, 16:14" style separators are left to the cast; only the date part is reordered.
  return `CASE ${cases} ELSE ${cell} END`
}

/**
 * Money text → plain decimal: currency symbols or codes and thousands separators go.
 * The decimal mark is the last of ',' and '.' when both appear; a lone ',' followed by
 * one or two digits is a decimal comma; otherwise `decimal` decides (default '.').
 */
export function amountText(cell: string, d: Dialect, decimal: '.' | ',' = '.'): string {
  const digits = `regexp_replace(${cell}, '[^0-9,.]', '', 'g')`
  // (1,000) is how accounting formats write a negative amount.
  const sign = `CASE WHEN ${cell} LIKE '%-%' OR ${cell} LIKE '(%)' THEN '-' ELSE '' END`
  const dropDots = `replace(replace(${digits}, '.', ''), ',', '.')`
  const dropCommas = `replace(${digits}, ',', '')`
  const commaDecimal = `(${d.fullMatch(digits, '[0-9.]*,[0-9]*')} AND ${
    decimal === ','
      ? 'TRUE'
      : `(${digits} LIKE '%.%' OR ${d.fullMatch(digits, '[0-9]+,[0-9]{1,2}')})`
  })`
  const dotThousands = decimal === ',' ? d.fullMatch(digits, '[0-9]{1,3}(\\.[0-9]{3})+') : 'FALSE'
  // The shape of money: a few symbol characters, the number, a few more (zł, PLN, €).
  const money = d.fullMatch(cell, "[^0-9]{0,5}[0-9][0-9 .,'\u00a0\u202f]*[^0-9]{0,5}")
  return `CASE WHEN ${d.fullMatch(cell, '-?[0-9]+(\\.[0-9]+)?')} THEN ${cell}
    WHEN ${money} THEN ${sign} || CASE WHEN ${commaDecimal} THEN ${dropDots} WHEN ${dotThousands} THEN replace(${digits}, '.', '') ELSE ${dropCommas} END
    ELSE ${cell} END`
}

/**
 * The currency a money cell names, or NULL: an ISO code first (USD 50,000.00), then the
 * dollars that name their country (CA$, A$, NZ$, R$, HK$, S$), then symbols; a bare '$'
 * is taken as USD.
 */
export function currencyOfMoney(cell: string, d: Dialect): string {
  const up = `UPPER(${cell})`
  const dollars: [string, string][] = [
    ['CA$', 'CAD'],
    ['C$', 'CAD'],
    ['NZ$', 'NZD'],
    ['A$', 'AUD'],
    ['AU$', 'AUD'],
    ['R$', 'BRL'],
    ['HK$', 'HKD'],
    ['S$', 'SGD'],
    ['MX$', 'MXN'],
  ]
  const prefixed = dollars
    .map(([sign, code]) => `WHEN ${up} LIKE '%${sign}%' THEN '${code}'`)
    .join(' ')
  return `CASE WHEN ${d.fullMatch(up, '[^A-Z]*[A-Z]{3}[^A-Z]*')} THEN regexp_replace(${up}, '^[^A-Z]*([A-Z]{3})[^A-Z]*$', '\\1')
    ${prefixed}
    WHEN ${cell} LIKE '%$%' THEN 'USD' WHEN ${cell} LIKE '%€%' THEN 'EUR'
    WHEN ${cell} LIKE '%£%' THEN 'GBP' WHEN LOWER(${cell}) LIKE '%zł%' THEN 'PLN'
    ELSE NULL END`
}

const truthy = ['1', 'true', 't', 'yes', 'y', 'x', 'tak', 'prawda', 'won']
const falsy = ['0', 'false', 'f', 'no', 'n', 'nie', 'fałsz']

/** Yes/no text in the spellings CRMs and Excel use → 'true' / 'false'. */
export function boolText(cell: string): string {
  const list = (xs: string[]) => xs.map(literal).join(', ')
  return `CASE WHEN LOWER(${cell}) IN (${list(truthy)}) THEN 'true' WHEN LOWER(${cell}) IN (${list(falsy)}) THEN 'false' ELSE ${cell} END`
}

/** A cell as text: trimmed, NULL when empty. */
export function cellText(column: string, d: Dialect): string {
  return d.blankAsNull(d.quoteIdent(column))
}

/** The first item of a list cell ('id1;id2' as HubSpot writes associations). */
export function firstOfList(cell: string, d: Dialect): string {
  return d.blankAsNull(`split_part(${cell}, ';', 1)`)
}

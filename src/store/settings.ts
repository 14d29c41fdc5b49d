import { MiernikError } from '../errors.js'
import { isEmailAddress } from '../validation.js'
import { bumpDataVersion } from './data-version.js'
import type { Store } from './store.js'

export interface Settings {
  base_currency: string
  fiscal_year_start_month: number
  /** Overrides the churn-based customer lifetime in customer_lifetime_value. */
  customer_lifetime_years: number | null
  /** Metric ids on the dashboard's home page, in order; empty: the starter seven. */
  tracked_metrics: string[]
  /** The SMTP server schedules send reviews through; the password only ever comes from MIERNIK_SMTP_PASSWORD. */
  smtp_host: string | null
  /** Empty: 465 with tls, 587 with starttls, 25 with none. */
  smtp_port: number | null
  smtp_security: SmtpSecurity
  smtp_user: string | null
  smtp_from: string | null
}

/** tls: TLS from the first byte (port 465); starttls: upgrade required (587); none: plain text. */
export const smtpSecurities = ['tls', 'starttls', 'none'] as const
export type SmtpSecurity = (typeof smtpSecurities)[number]

const optionalText =
  (check: (v: string) => string | null) =>
  (raw: string): string | null => {
    const v = raw.trim()
    if (v === '') return null
    const problem = check(v)
    if (problem) throw new Error(problem)
    return v
  }

type Parser<T> = (raw: string) => T
const parsers: { [K in keyof Settings]: { parse: Parser<Settings[K]>; help: string } } = {
  tracked_metrics: {
    help: 'comma-separated metric ids on the dashboard home page (empty: the starter seven)',
    parse(raw) {
      const ids = raw
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
      const bad = ids.find((id) => !/^[a-z][a-z0-9_]*$/.test(id))
      if (bad !== undefined) throw new Error(`'${bad}' is not a metric id`)
      return [...new Set(ids)]
    },
  },
  base_currency: {
    help: 'ISO 4217 code all money is converted to (e.g. EUR)',
    parse(raw) {
      const v = raw.trim().toUpperCase()
      if (!/^[A-Z]{3}$/.test(v)) throw new Error('expected a 3-letter ISO 4217 code such as EUR')
      return v
    },
  },
  fiscal_year_start_month: {
    help: 'month (1-12) the fiscal year starts in; FY2026 is the fiscal year ending in 2026',
    parse(raw) {
      const v = Number(raw)
      if (!Number.isInteger(v) || v < 1 || v > 12) throw new Error('expected a month number 1-12')
      return v
    },
  },
  customer_lifetime_years: {
    help: 'fixed customer lifetime in years for CLTV (empty: 1 / annual churn)',
    parse(raw) {
      if (raw.trim() === '') return null
      const v = Number(raw)
      if (!(v > 0)) throw new Error('expected a positive number of years')
      return v
    },
  },
  smtp_host: {
    help: 'SMTP server that schedules send reviews through (empty: no e-mail)',
    parse: optionalText((v) =>
      /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(v) ? null : 'expected a host name or address',
    ),
  },
  smtp_port: {
    help: 'SMTP port (empty: 465 with tls, 587 with starttls, 25 with none)',
    parse(raw) {
      if (raw.trim() === '') return null
      const v = Number(raw)
      if (!Number.isInteger(v) || v < 1 || v > 65535) throw new Error('expected a port 1-65535')
      return v
    },
  },
  smtp_security: {
    help: 'tls (TLS from the start, port 465), starttls (required upgrade, 587) or none (plain, a local relay only)',
    parse(raw) {
      const v = (raw.trim() || 'starttls').toLowerCase()
      if (!(smtpSecurities as readonly string[]).includes(v))
        throw new Error(`expected ${smtpSecurities.join(', ')}`)
      return v as SmtpSecurity
    },
  },
  smtp_user: {
    help: 'SMTP user name (empty: no sign-in); the password is read from MIERNIK_SMTP_PASSWORD only',
    parse: optionalText((v) => (/\s/.test(v) ? 'a user name has no spaces' : null)),
  },
  smtp_from: {
    help: 'the address scheduled reviews are sent from (miernik@example.com)',
    parse: optionalText((v) => (isEmailAddress(v) ? null : 'expected an e-mail address')),
  },
}

export const settingKeys = Object.keys(parsers) as (keyof Settings)[]
export const settingHelp = (key: keyof Settings): string => parsers[key].help

export async function readSettings(store: Store): Promise<Settings> {
  const rows = await store.query('SELECT "key", "value" FROM settings')
  const raw = new Map(rows.map((r) => [String(r.key), String(r.value)]))
  return {
    base_currency: parsers.base_currency.parse(raw.get('base_currency') ?? 'USD'),
    fiscal_year_start_month: parsers.fiscal_year_start_month.parse(
      raw.get('fiscal_year_start_month') ?? '1',
    ),
    customer_lifetime_years: parsers.customer_lifetime_years.parse(
      raw.get('customer_lifetime_years') ?? '',
    ),
    tracked_metrics: parsers.tracked_metrics.parse(raw.get('tracked_metrics') ?? ''),
    smtp_host: parsers.smtp_host.parse(raw.get('smtp_host') ?? ''),
    smtp_port: parsers.smtp_port.parse(raw.get('smtp_port') ?? ''),
    smtp_security: parsers.smtp_security.parse(raw.get('smtp_security') ?? ''),
    smtp_user: parsers.smtp_user.parse(raw.get('smtp_user') ?? ''),
    smtp_from: parsers.smtp_from.parse(raw.get('smtp_from') ?? ''),
  }
}

export async function writeSetting(store: Store, key: string, raw: string): Promise<string> {
  if (!(settingKeys as string[]).includes(key)) {
    throw new MiernikError(
      'INVALID_SETTING',
      `unknown setting '${key}'; known: ${settingKeys.join(', ')}`,
    )
  }
  const parser = parsers[key as keyof Settings]
  let value: unknown
  try {
    value = parser.parse(raw)
  } catch (e) {
    throw new MiernikError('INVALID_SETTING', `${key}: ${(e as Error).message}`)
  }
  const text = value === null ? '' : Array.isArray(value) ? value.join(',') : String(value)
  // One transaction under the write lock, as every write: the value and the data version
  // change together, and the deals per day's marker moves with the version only while no
  // write of deals can slip in between (see bumpDataVersion).
  await store.transaction(async () => {
    await store.lockForWrite()
    await store.run(
      'INSERT INTO settings VALUES ($1, $2) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"',
      [key, text],
    )
    await bumpDataVersion(store, { dealsKept: true })
  })
  return text
}

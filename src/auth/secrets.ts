import { createHash, randomBytes } from 'node:crypto'

/**
 * Session and API-token secrets: 32 random bytes, given to the client once; the database
 * keeps only their SHA-256 (a high-entropy secret needs no slow hash), so a copy of the
 * database opens no session.
 */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** A time as the TIMESTAMP columns take it (UTC, no zone). */
export function sqlTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '')
}

/** A TIMESTAMP column read back (either engine's text form), as a Date. */
export function readTime(v: unknown): Date | null {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v
  const s = String(v).trim().replace(' ', 'T')
  return new Date(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(s) ? s : `${s}Z`)
}

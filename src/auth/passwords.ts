import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { MiernikError } from '../errors.js'

/**
 * Passwords are stored as scrypt hashes (Node's own crypto: maintained with Node, nothing
 * native to install): `scrypt$N$r$p$salt$hash`, base64url. N = 2^15, r = 8 (OWASP's minimum
 * for scrypt), a 16-byte salt per password. Never stored, logged or returned in clear.
 */
const N = 2 ** 15
const R = 8
const P = 1
const KEY_LENGTH = 32
/** scrypt needs 128·N·r bytes (32 MiB here); Node's default cap is exactly that. */
const MAX_MEMORY = 64 * 1024 * 1024

export const MIN_PASSWORD_LENGTH = 12

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, options, (e, key) => (e ? reject(e) : resolve(key))),
  )
}

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new MiernikError(
      'USAGE',
      `a password needs at least ${MIN_PASSWORD_LENGTH} characters (a passphrase of a few words is easiest)`,
    )
  }
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordStrength(password)
  const salt = randomBytes(16)
  const key = await derive(password, salt, { N, r: R, p: P, maxmem: MAX_MEMORY })
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Whether `password` matches `stored`, in time that does not depend on where they differ. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A password for a user created without one: 24 random characters, shown once. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}

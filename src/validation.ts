import type { z } from 'zod'
import { MiernikError, type ErrorCode } from './errors.js'

/**
 * A value checked against a zod schema, or a user error listing every problem with its
 * path ("invalid metrics query: from: expected a date YYYY-MM-DD; by.0: ...").
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  options: { code?: ErrorCode; root?: string } = {},
): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map(
    (i) => `${i.path.join('.') || (options.root ?? 'query')}: ${i.message}`,
  )
  throw new MiernikError(options.code ?? 'INVALID_QUERY', `invalid ${what}: ${problems.join('; ')}`)
}

// An address as mail servers take it: a local part, one @, a dotted domain; no spaces, and no
// display names or commas (lists of addresses are comma-separated).
const emailPattern = /^[^\s@,<>()"]+@[^\s@,<>()"]+\.[^\s@,<>()".]+$/

/** Whether `text` is a plain e-mail address (a@b.example). */
export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && emailPattern.test(text)
}

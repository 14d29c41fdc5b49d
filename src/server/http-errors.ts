import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { isMiernikError, type ErrorCode } from '../errors.js'

/** User errors by code: a bad query is the client's to fix (4xx); the rest is ours. */
const statuses: Record<ErrorCode, ContentfulStatusCode> = {
  METRIC_NOT_FOUND: 400,
  INVALID_DEFINITION: 500,
  UNSUPPORTED_GROUPING: 400,
  INVALID_QUERY: 400,
  INVALID_PERIOD: 400,
  IMPORT_REJECTED: 422,
  INVALID_FILE: 400,
  FX_RATE_MISSING: 422,
  STORE_UNAVAILABLE: 503,
  SCHEMA_TOO_NEW: 503,
  SCHEMA_TOO_OLD: 503,
  INVALID_SETTING: 400,
  USAGE: 400,
  FORBIDDEN: 403,
}

/** A 4xx or 503 the routes raise themselves (not found, bad JSON, busy), with its headers. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

/**
 * Errors that carry their response become {code, message}; anything else is a bug: the
 * details go to the server log only and the client gets a bland 500.
 */
export function errorResponse(err: unknown, c: Context, log: (message: string) => void): Response {
  // The client went away and its computation was stopped: nobody reads this answer.
  if ((err as Error)?.name === 'AbortError')
    return c.json({ code: 'CLIENT_GONE', message: 'the request was cancelled' }, 400)
  if (err instanceof HttpError)
    return c.json({ code: err.code, message: err.message }, err.status, err.headers)
  if (isMiernikError(err))
    return c.json({ code: err.code, message: err.message }, statuses[err.code])
  log(`internal error on ${c.req.method} ${c.req.path}: ${(err as Error)?.stack ?? String(err)}`)
  return c.json({ code: 'INTERNAL', message: 'internal server error' }, 500)
}

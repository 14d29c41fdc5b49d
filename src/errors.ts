/**
 * User-facing failures carry a code; the CLI maps codes to exit codes and (later) the
 * server maps them to HTTP statuses. Anything that is not a MiernikError is a bug.
 */
export type ErrorCode =
  | 'METRIC_NOT_FOUND'
  | 'INVALID_DEFINITION'
  | 'UNSUPPORTED_GROUPING'
  | 'INVALID_QUERY'
  | 'INVALID_PERIOD'
  | 'IMPORT_REJECTED'
  | 'INVALID_FILE'
  | 'FX_RATE_MISSING'
  | 'STORE_UNAVAILABLE'
  | 'SCHEMA_TOO_NEW'
  | 'SCHEMA_TOO_OLD'
  | 'INVALID_SETTING'
  | 'USAGE'
  /** Signed in, but the data asked for is outside what the user may see (HTTP 403). */
  | 'FORBIDDEN'

export class MiernikError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'MiernikError'
    this.code = code
    this.details = options?.details
  }
}

export function isMiernikError(e: unknown): e is MiernikError {
  return e instanceof MiernikError
}

import type { Context } from 'hono'
import { HttpError } from '../http-errors.js'

/** The JSON body of a request; a body that is not JSON is a 400, not a 500. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'the request body is not valid JSON')
  }
}

/** A query parameter holding JSON (group, filters). */
export function jsonParam(c: Context, name: string): unknown {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return undefined
  try {
    return JSON.parse(raw)
  } catch {
    throw new HttpError(400, 'INVALID_QUERY', `query parameter ${name} is not valid JSON`)
  }
}

import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HttpError } from './http-errors.js'

/** The largest request body the API reads (a batch of 50 queries is a few kilobytes). */
export const maxBodyBytes = 256 * 1024

/** A file upload for import (POST /api/imports): its own limit, counted as it is written. */
export const isUpload = (method: string, path: string) =>
  method === 'POST' && (path === '/api/imports' || path === '/api/imports/')

const limit = bodyLimit({
  maxSize: maxBodyBytes,
  onError: () => {
    throw new HttpError(413, 'BODY_TOO_LARGE', `the request body is over ${maxBodyBytes / 1024} KB`)
  },
})

/** Bodies over the limit are refused before they are read whole (uploads: see Uploads). */
export const limitBody: MiddlewareHandler = (c, next) =>
  isUpload(c.req.method, c.req.path) ? next() : limit(c, next)

/**
 * A NUL character is no part of any name, date or id, and PostgreSQL refuses it in text:
 * a request holding one (in its path, query or body) is a 400, not an error deep inside.
 */
export const refuseNul: MiddlewareHandler = async (c, next) => {
  const url = c.req.url
  let nul = url.includes('%00') || url.includes('\u0000')
  if (!nul && c.req.header('content-type')?.includes('json') && c.req.method !== 'GET') {
    const text = await c.req.raw.clone().text()
    nul = text.includes('\u0000') || text.includes('\\u0000')
  }
  if (nul) throw new HttpError(400, 'INVALID_QUERY', 'the request holds a NUL character')
  await next()
}

/**
 * The methods each documented API path answers (OpenAPI paths with {params}): a path the
 * API has, asked with another method, is a 405 with Allow, not a 404.
 */
export function allowedMethods(
  paths: Record<string, Record<string, unknown>>,
): (path: string) => string[] | null {
  const routes = Object.entries(paths).map(([template, ops]) => ({
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    methods: Object.keys(ops).map((m) => m.toUpperCase()),
  }))
  return (path) => routes.find((r) => r.pattern.test(path))?.methods ?? null
}

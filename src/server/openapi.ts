import { z } from 'zod'
import { catalogResponseSchema } from '../contracts/catalog-response.js'
import { drilldownResponseSchema } from '../contracts/drilldown-response.js'
import { funnelResponseSchema } from '../contracts/funnel-response.js'
import { resultRowSchema } from '../contracts/result-row.js'
import { qualityResponseSchema } from '../contracts/quality-response.js'
import { statusResponseSchema } from '../contracts/status-response.js'
import { drilldownQuerySchema } from '../metrics/drilldown-query.js'
import { importSchema, readSchema } from './routes/imports.js'
import { apiQuerySchema } from './routes/metrics.js'

const json = (schema: object) => ({ content: { 'application/json': { schema } } })
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const error = { description: 'A bad request: {code, message}', ...json(ref('Error')) }
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } }
const queryParam = (name: string, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string' },
})

/** The OpenAPI 3.1 document of the HTTP API; request schemas come from the zod schemas the routes validate with. */
export function openApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Miernik API',
      version: '0.1.0',
      description:
        "B2B sales KPIs: the catalogue, metric queries, drill-down, funnel and settings. Every request but sign-in needs a session cookie (POST /api/auth/login) or an API token (Authorization: Bearer mk_...); changes made with a cookie must come from the server's own pages (Origin) and every body is JSON.",
    },
    paths: {
      '/api/auth/login': {
        post: {
          summary: 'Sign in: {email, password}; sets the session cookie',
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              properties: { email: { type: 'string' }, password: { type: 'string' } },
              required: ['email', 'password'],
            }),
          },
          responses: {
            200: { description: 'The user', ...json({ type: 'object' }) },
            401: error,
            429: error,
          },
        },
      },
      '/api/auth/logout': {
        post: {
          summary: 'Sign out: ends the session',
          responses: { 200: { description: 'Signed out', ...json({ type: 'object' }) } },
        },
      },
      '/api/auth/me': {
        get: {
          summary: 'The signed-in user (email, name, role)',
          responses: { 200: { description: 'The user', ...json({ type: 'object' }) }, 401: error },
        },
      },
      '/api/catalog': {
        get: {
          summary: 'The metric catalogue',
          responses: {
            200: { description: 'Metrics, starter set, dimensions', ...json(ref('Catalog')) },
          },
        },
      },
      '/api/metrics': {
        post: {
          summary: 'Compute metrics (the library query; asOf defaults to today)',
          requestBody: { required: true, ...json(ref('MetricQuery')) },
          responses: {
            200: {
              description: 'Result rows',
              ...json({
                type: 'object',
                properties: { rows: { type: 'array', items: ref('ResultRow') } },
              }),
            },
            400: error,
          },
        },
      },
      '/api/metrics/batch': {
        post: {
          summary: 'Several metric queries in one request',
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              properties: { queries: { type: 'array', items: ref('MetricQuery'), maxItems: 50 } },
              required: ['queries'],
            }),
          },
          responses: {
            200: { description: 'One result per query', ...json({ type: 'object' }) },
            400: error,
          },
        },
      },
      '/api/drilldown': {
        get: {
          summary: 'The records behind a result row (paged, sortable; format=csv exports all)',
          parameters: [
            queryParam('metric', 'metric id', true),
            queryParam('from', 'YYYY-MM-DD', true),
            queryParam('to', 'YYYY-MM-DD', true),
            queryParam('part', 'numerator or denominator (default)'),
            queryParam('group', 'JSON object of the row group, e.g. {"rep":"r-05"}'),
            queryParam('filters', 'JSON object of filters, e.g. {"team":["Enterprise"]}'),
            queryParam('asOf', 'YYYY-MM-DD (default today)'),
            queryParam('page', 'from 1'),
            queryParam('page_size', '1-1000, default 50'),
            queryParam('sort', 'a column name'),
            queryParam('order', 'asc or desc'),
            queryParam('format', 'json (default) or csv'),
            queryParam('lang', 'en (default) or pl: the language of the formula'),
            queryParam(
              'row',
              'false: leave out the result row and its formula (the caller has it)',
            ),
          ],
          responses: {
            200: { description: 'Records and the formula filled in', ...json(ref('Drilldown')) },
            400: error,
          },
        },
      },
      '/api/funnel': {
        get: {
          summary: 'Stage funnel of the opportunities created in a period',
          parameters: [
            queryParam('from', 'YYYY-MM-DD', true),
            queryParam('to', 'YYYY-MM-DD', true),
            queryParam('filters', 'JSON filters'),
            queryParam('pipeline', 'one pipeline'),
            queryParam('asOf', 'YYYY-MM-DD'),
          ],
          responses: {
            200: { description: 'Stages per pipeline', ...json(ref('Funnel')) },
            400: error,
          },
        },
      },
      '/api/periods': {
        get: {
          summary: 'Resolve a period name',
          parameters: [queryParam('period', '2026, 2026-Q2, 2026-05, FY2026, FY2026-Q1', true)],
          responses: {
            200: { description: '{from, to, grain}', ...json({ type: 'object' }) },
            400: error,
          },
        },
      },
      '/api/dimensions/{dim}': {
        get: {
          summary: 'Values of a dimension',
          parameters: [{ name: 'dim', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: '{values: [{value, label}]}', ...json({ type: 'object' }) },
            404: error,
          },
        },
      },
      '/api/status': {
        get: {
          summary:
            'The data version (changes with every write), whether the database holds data, demo or not',
          responses: { 200: { description: 'Status', ...json(ref('Status')) } },
        },
      },
      '/api/quality': {
        get: {
          summary: 'The data-quality checks (as miernik quality): counts and the first records',
          parameters: [
            queryParam('asOf', 'YYYY-MM-DD (default today)'),
            queryParam('limit', 'records per check, 0-1000 (default 200); counts are full'),
          ],
          responses: {
            200: { description: 'Checks', ...json(ref('Quality')) },
            400: error,
          },
        },
      },
      '/api/audit': {
        get: {
          summary: 'The audit log, newest first (admins only)',
          parameters: [
            queryParam('limit', '1-10000, default 200'),
            queryParam('action', 'only this action: sign_in, user_add, setting_change...'),
          ],
          responses: {
            200: {
              description: '{entries: [{at, actor, action, target, ok, detail}]}',
              ...json({ type: 'object' }),
            },
            403: error,
          },
        },
      },
      '/api/settings': {
        get: {
          summary: 'Settings and tracked metrics',
          responses: { 200: { description: 'Settings', ...json({ type: 'object' }) } },
        },
      },
      '/api/settings/{key}': {
        put: {
          summary: 'Change a setting (tracked_metrics takes an array of metric ids)',
          parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            ...json({ type: 'object', properties: { value: {} }, required: ['value'] }),
          },
          responses: {
            200: { description: 'Settings', ...json({ type: 'object' }) },
            400: error,
            404: error,
          },
        },
      },
      '/api/review': {
        get: {
          summary:
            "The review pack of a period for the user's scope: {pack, document} (the document's blocks are what the PDF shows, charts as SVG)",
          parameters: [
            queryParam('period', '2026-Q3, 2026-09 or 2026', true),
            queryParam('lang', 'en or pl'),
            queryParam('filters', 'JSON {dimension: [values]}'),
            queryParam('asOf', 'read the data as of this date'),
            queryParam('by', 'team: the headline per team as well'),
          ],
          responses: {
            200: { description: '{pack, document}', ...json({ type: 'object' }) },
            400: error,
            403: error,
          },
        },
      },
      '/api/review/export': {
        get: {
          summary: 'The review pack as a file: pdf (default), html, md, json or csv',
          parameters: [
            queryParam('period', '2026-Q3', true),
            queryParam('format', 'pdf, html, md, json, csv'),
            queryParam('lang', 'en or pl'),
            queryParam('filters', 'JSON {dimension: [values]}'),
          ],
          responses: { 200: { description: 'The file' }, 400: error, 403: error },
        },
      },
      '/api/reviews': {
        get: {
          summary: "Saved reviews within the user's scope, newest first",
          responses: { 200: { description: '{reviews: [...]}', ...json({ type: 'object' }) } },
        },
        post: {
          summary:
            'Save the review of a period as presented now (admins, managers): {period, filters?}',
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              properties: { period: { type: 'string' }, filters: { type: 'object' } },
              required: ['period'],
            }),
          },
          responses: {
            201: { description: '{id}', ...json({ type: 'object' }) },
            400: error,
            403: error,
          },
        },
      },
      '/api/reviews/{id}/export': {
        get: {
          summary:
            'A saved review as saved, with the figures restated since (format as /api/review/export)',
          parameters: [
            idParam,
            queryParam('format', 'pdf, html, md, json, csv'),
            queryParam('lang', 'en or pl'),
          ],
          responses: { 200: { description: 'The file' }, 404: error },
        },
      },
      '/api/imports': {
        post: {
          summary:
            'Upload a file to import (admins; managers for their team): the raw bytes as application/octet-stream',
          parameters: [
            queryParam(
              'name',
              "the file's name, e.g. deals.csv (its ending says the format)",
              true,
            ),
          ],
          requestBody: {
            required: true,
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            201: { description: '{id, name, bytes}', ...json({ type: 'object' }) },
            403: error,
            413: error,
            415: error,
          },
        },
      },
      '/api/imports/{id}/preview': {
        post: {
          summary:
            'How the upload would be read (columns, sample rows, date hints) and what importing it would do (new, updated, rejected rows); writes nothing',
          parameters: [idParam],
          requestBody: { required: true, ...json(ref('ImportRead')) },
          responses: {
            200: { description: '{inspection, check}', ...json({ type: 'object' }) },
            400: error,
            403: error,
            404: error,
          },
        },
      },
      '/api/imports/{id}/import': {
        post: {
          summary:
            'Import the upload: all-or-nothing unless skipInvalid (then the valid rows, the rejects downloadable)',
          parameters: [idParam],
          requestBody: { required: true, ...json(ref('ImportRun')) },
          responses: {
            200: { description: '{report}', ...json({ type: 'object' }) },
            400: error,
            403: error,
            404: error,
            422: {
              description: 'Rows are invalid, nothing imported: {code, message, report}',
              ...json({ type: 'object' }),
            },
          },
        },
      },
      '/api/imports/{id}/rejects': {
        get: {
          summary: "The rejected rows of the upload's last import, with their lines and reasons",
          parameters: [idParam],
          responses: {
            200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
            404: error,
          },
        },
      },
      '/api/imports/{id}': {
        delete: {
          summary: 'Discard the upload',
          parameters: [idParam],
          responses: {
            200: { description: '{ok: true}', ...json({ type: 'object' }) },
            404: error,
          },
        },
      },
    },
    components: {
      schemas: {
        MetricQuery: z.toJSONSchema(apiQuerySchema, { io: 'input', unrepresentable: 'any' }),
        DrilldownQuery: z.toJSONSchema(drilldownQuerySchema, {
          io: 'input',
          unrepresentable: 'any',
        }),
        ResultRow: z.toJSONSchema(resultRowSchema),
        Catalog: z.toJSONSchema(catalogResponseSchema),
        Drilldown: z.toJSONSchema(drilldownResponseSchema),
        Funnel: z.toJSONSchema(funnelResponseSchema),
        Status: z.toJSONSchema(statusResponseSchema),
        Quality: z.toJSONSchema(qualityResponseSchema),
        ImportRead: z.toJSONSchema(readSchema),
        ImportRun: z.toJSONSchema(importSchema),
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  }
}

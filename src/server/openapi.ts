import { z } from 'zod'
import { drilldownQuerySchema } from '../metrics/drilldown.js'
import { apiQuerySchema } from './routes/metrics.js'

const json = (schema: object) => ({ content: { 'application/json': { schema } } })
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const error = { description: 'A bad request: {code, message}', ...json(ref('Error')) }
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
        'B2B sales KPIs: the catalogue, metric queries, drill-down, funnel and settings.',
    },
    paths: {
      '/api/catalog': {
        get: {
          summary: 'The metric catalogue',
          responses: {
            200: { description: 'Metrics, starter set, dimensions', ...json({ type: 'object' }) },
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
          ],
          responses: {
            200: { description: 'Records and the formula filled in', ...json({ type: 'object' }) },
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
            200: { description: 'Stages per pipeline', ...json({ type: 'object' }) },
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
    },
    components: {
      schemas: {
        MetricQuery: z.toJSONSchema(apiQuerySchema, { io: 'input', unrepresentable: 'any' }),
        DrilldownQuery: z.toJSONSchema(drilldownQuerySchema, {
          io: 'input',
          unrepresentable: 'any',
        }),
        ResultRow: {
          type: 'object',
          required: [
            'metric',
            'period_start',
            'period_end',
            'group',
            'value',
            'numerator',
            'denominator',
            'unit',
            'excluded',
          ],
          properties: {
            metric: { type: 'string' },
            period_start: { type: 'string', format: 'date' },
            period_end: { type: 'string', format: 'date' },
            group: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
            value: { type: ['number', 'null'] },
            numerator: { type: ['number', 'null'] },
            denominator: { type: ['number', 'null'] },
            unit: { enum: ['currency', 'ratio', 'days', 'count', 'currency_per_day', 'hours'] },
            excluded: { type: 'integer' },
            excluded_reason: {
              type: 'string',
              description: 'what the excluded records are, e.g. non_positive_cycle',
            },
            reason: { type: 'string' },
            previous: { type: ['number', 'null'] },
            change: { type: ['number', 'null'] },
          },
        },
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  }
}

import { stringify } from 'csv-stringify/sync'
import { Hono } from 'hono'
import type { DrilldownResponse } from '../../contracts/drilldown-response.js'
import { csvCell } from '../../format/csv-cell.js'
import { formulaLine, makeFormatter } from '../../format/number-format.js'
import { getMetric } from '../../metrics/catalog.js'
import { drilldown } from '../../metrics/drilldown.js'
import { readSettings } from '../../store/settings.js'
import { scopeDrilldown } from '../../access/scope.js'
import { scopeOf } from '../access.js'
import type { ServerContext } from '../context.js'
import { jsonParam } from './read-query.js'

/**
 * The records behind a result row, paged and sortable, or all of them as CSV. The row and
 * its formula (in `lang`) come along unless the caller already has the row (`row=false`).
 */
export function drilldownRoutes(ctx: ServerContext): Hono {
  return new Hono().get('/', async (c) => {
    const settings = await readSettings(ctx.store)
    const q = c.req.query()
    const csv = q.format === 'csv'
    const result = await drilldown(
      ctx.store,
      scopeDrilldown(
        {
          metric: q.metric ?? '',
          from: q.from ?? '',
          to: q.to ?? '',
          part: (q.part ?? 'denominator') as 'numerator' | 'denominator',
          group: (jsonParam(c, 'group') ?? {}) as Record<string, string | null>,
          filters: (jsonParam(c, 'filters') ?? {}) as Record<string, string[]>,
          asOf: q.asOf ?? ctx.today(),
          row: !csv && q.row !== 'false' && q.row !== '0',
          ...(q.page ? { page: Number(q.page) } : {}),
          ...(q.page_size ? { page_size: Number(q.page_size) } : {}),
          ...(q.sort ? { sort: q.sort } : {}),
          ...(q.order ? { order: q.order as 'asc' | 'desc' } : {}),
        },
        await scopeOf(c, ctx.store),
      ),
      settings,
      { all: csv },
    )
    if (csv) {
      const header = result.columns.map((col) => col.name)
      const body = stringify([
        header,
        ...result.rows.map((r) => header.map((h) => csvCell(r[h] ?? ''))),
      ])
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${result.metric}-${result.part}-${result.period.start}.csv"`,
      })
    }
    const metric = getMetric(result.metric)
    const lang = q.lang === 'pl' ? 'pl' : 'en'
    const row = result.row
    const template = metric.formulaFor(Object.keys(result.group))[lang]
    const fmt = makeFormatter(lang, settings.base_currency)
    const body: DrilldownResponse = {
      metric: result.metric,
      part: result.part,
      period: result.period,
      group: result.group,
      value: row?.value ?? null,
      numerator: row?.numerator ?? null,
      denominator: row?.denominator ?? null,
      unit: metric.unit,
      formula: row ? formulaLine(metric.names[lang], template, row, fmt) : null,
      total: result.total,
      page: result.page,
      page_size: result.page_size,
      columns: result.columns,
      rows: result.rows,
    }
    return c.json(body)
  })
}

import { stringify } from 'csv-stringify/sync'
import { MiernikError } from '../../errors.js'
import { catalog, getMetric } from '../../metrics/catalog.js'
import { compute } from '../../metrics/compute.js'
import { dimensions, type Dimension } from '../../metrics/metric-schema.js'
import { lastFullQuarter, parsePeriod, type Grain } from '../../metrics/periods.js'
import { csvColumns, type ResultRow } from '../../contracts/result-row.js'
import { openStore } from '../../store/open-store.js'
import { readSettings } from '../../store/settings.js'
import { csvCell } from '../../format/csv-cell.js'
import { betterWord } from '../../format/direction.js'
import type { Io } from '../io.js'
import { fitText, renderTable, type TableColumn } from '../table.js'
import { groupLabel, metricsTable } from './metrics-table.js'

export interface MetricsOptions {
  db?: string
  metric?: string
  period?: string
  from?: string
  to?: string
  grain?: string
  by?: string
  filter?: string[]
  compare?: string
  format: string
  explain?: boolean
  list?: boolean
  asOf?: string
  forecastMadeBefore?: string
}

export async function metricsCommand(options: MetricsOptions, io: Io): Promise<number> {
  if (!['table', 'json', 'csv'].includes(options.format)) {
    throw new MiernikError('USAGE', `unknown --format '${options.format}': use table, json or csv`)
  }
  if (options.list) {
    printCatalog(options.format, io)
    return 0
  }
  const store = await openStore(options.db)
  try {
    const settings = await readSettings(store)
    const asOf = options.asOf ?? io.today()
    let from = options.from
    let to = options.to
    const grain = options.grain as Grain | undefined
    if (options.period) {
      if (from || to)
        throw new MiernikError('USAGE', 'use either --period or --from/--to, not both')
      const p = parsePeriod(options.period, settings.fiscal_year_start_month)
      from = p.from
      to = p.to
      // One bucket unless --grain splits it; the bucket keeps its calendar or fiscal alignment.
    }
    if (!from && !to) {
      // No period: the last quarter that is over, said so (on stderr: JSON stays clean).
      const q = lastFullQuarter(asOf, settings.fiscal_year_start_month)
      from = q.start
      to = q.end
      io.err(`no period given: the last full quarter, ${from} – ${to} (--period to choose)`)
    }
    if (!from || !to) throw new MiernikError('USAGE', 'give both --from and --to, or a --period')
    if (grain && !['month', 'quarter', 'year', 'all'].includes(grain)) {
      throw new MiernikError('USAGE', `unknown --grain '${grain}': use month, quarter, year or all`)
    }
    const metrics = options.metric ? splitList(options.metric) : catalog.map((m) => m.id)
    metrics.forEach(getMetric)
    const rows = await compute(
      store,
      {
        metrics,
        from,
        to,
        grain: grain ?? 'all',
        by: options.by ? (splitList(options.by).map(dimension) as Dimension[]) : [],
        filters: parseFilters(options.filter ?? []),
        ...(options.compare ? { compare: compareOption(options.compare) } : {}),
        asOf,
        ...(options.forecastMadeBefore ? { forecastMadeBefore: options.forecastMadeBefore } : {}),
      },
      settings,
    )
    printRows(rows, options, settings.base_currency, io)
    return 0
  } finally {
    await store.close()
  }
}

function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
}

function dimension(d: string): Dimension {
  if (!(dimensions as readonly string[]).includes(d)) {
    throw new MiernikError('USAGE', `unknown grouping '${d}': use ${dimensions.join(', ')}`)
  }
  return d as Dimension
}

function compareOption(c: string): 'previous' | 'year_ago' {
  if (c === 'previous' || c === 'year_ago') return c
  throw new MiernikError('USAGE', `unknown --compare '${c}': use previous or year_ago`)
}

/** --filter team=Enterprise,Mid-Market --filter source=Referral */
function parseFilters(list: string[]): Partial<Record<Dimension, string[]>> {
  const filters: Partial<Record<Dimension, string[]>> = {}
  for (const f of list) {
    const [k, v] = f.split('=', 2)
    if (!k || v === undefined || v === '')
      throw new MiernikError('USAGE', `bad --filter '${f}': use DIMENSION=VALUE[,VALUE]`)
    filters[dimension(k.trim())] = splitList(v)
  }
  return filters
}

function printRows(rows: ResultRow[], options: MetricsOptions, currency: string, io: Io): void {
  if (options.format === 'json') {
    io.out(JSON.stringify({ rows }, null, 2))
    return
  }
  if (options.format === 'csv') {
    // The columns of the result-row schema; the group as "rep=r-01 team=North".
    const cell = (r: ResultRow, k: keyof ResultRow) =>
      k === 'group' ? groupLabel(r.group) : typeof r[k] === 'boolean' ? String(r[k]) : (r[k] ?? '')
    const columns = csvColumns(rows)
    io.out(stringify([columns, ...rows.map((r) => columns.map((k) => csvCell(cell(r, k))))]))
    return
  }
  io.out(
    metricsTable(rows, {
      ...(options.compare ? { compare: compareOption(options.compare) } : {}),
      ...(options.explain ? { explain: true } : {}),
      currency,
      ...(io.width !== undefined ? { width: io.width } : {}),
    }),
  )
}

/** Definitions are prose: a piped catalogue keeps the width it has always had. */
const catalogWidth = 160
/** Narrower than this, the catalogue is a block per metric: a table would wrap ids and words. */
const catalogTableWidth = 120

function printCatalog(format: string, io: Io): void {
  const list = catalog.map((m) => ({
    id: m.id,
    name: m.names.en,
    name_pl: m.names.pl,
    category: m.category,
    unit: m.unit,
    direction: m.direction,
    groupings: m.groupings,
    help: m.help,
  }))
  if (format === 'json') return io.out(JSON.stringify({ metrics: list }, null, 2))
  if (format === 'csv') {
    return io.out(
      stringify([
        Object.keys(list[0] ?? {}),
        ...list.map((m) => [...Object.values(m)].map((v) => (Array.isArray(v) ? v.join(' ') : v))),
      ]),
    )
  }
  const width = io.width ?? catalogWidth
  if (width < catalogTableWidth) {
    const blocks = list.map((m) =>
      [
        fitText(
          `${m.id}: ${m.name} (${m.unit}, ${betterWord[m.direction]} is better)`,
          width,
          '  ',
        ),
        fitText(`  by: ${m.groupings.join(', ')}`, width, '  '),
        fitText(`  ${m.help}`, width),
      ].join('\n'),
    )
    return io.out(blocks.join('\n\n'))
  }
  const columns: TableColumn[] = [
    { head: 'Metric', wrap: true },
    { head: 'Unit' },
    { head: 'Better' },
    { head: 'Groupings', wrap: true },
    { head: 'Definition', wrap: true },
  ]
  const rows = list.map((m) => [
    `${m.id}\n${m.name}`,
    m.unit,
    betterWord[m.direction],
    m.groupings.join(', '),
    m.help,
  ])
  io.out(renderTable(columns, rows, width))
}

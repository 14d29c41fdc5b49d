import Table from 'cli-table3'
import { MiernikError } from '../../errors.js'
import { inspectFile, type Inspection } from '../../ingest/inspect.js'
import { isEntityName, entityNames } from '../../model/entities.js'
import { openStore } from '../../store/open-store.js'
import type { Io } from '../io.js'
import { readOptions, type ImportOptions } from './import.js'

export interface InspectOptions extends ImportOptions {
  entity: string
  rows: string
  format: string
}

/** `miernik inspect FILE`: how the file would be read, before anything is written. */
export async function inspectCommand(
  file: string,
  options: InspectOptions,
  io: Io,
): Promise<number> {
  if (!isEntityName(options.entity)) {
    throw new MiernikError(
      'USAGE',
      `unknown entity '${options.entity}': use one of ${entityNames.join(', ')}`,
    )
  }
  const sampleRows = Number(options.rows)
  if (!Number.isInteger(sampleRows) || sampleRows < 0) {
    throw new MiernikError('USAGE', `--rows must be a whole number, not '${options.rows}'`)
  }
  // A scratch database unless one is named (its base currency then fills in currencies).
  const store = await openStore(options.db ?? ':memory:')
  try {
    const result = await inspectFile(store, options.entity, file, {
      ...readOptions(options),
      sampleRows,
    })
    if (options.format === 'json') io.out(JSON.stringify(result, null, 2))
    else printInspection(result, io)
    return 0
  } finally {
    await store.close()
  }
}

function printInspection(r: Inspection, io: Io): void {
  const layout =
    r.format === 'csv'
      ? `CSV, delimiter ${r.delimiter === '\t' ? 'tab' : `'${r.delimiter}'`}`
      : r.format === 'xlsx'
        ? `XLSX, sheet '${r.sheet}'`
        : r.format.toUpperCase()
  io.out(`${r.file}: ${r.rows} rows, ${layout}, encoding ${r.encoding}`)
  io.out(
    `read as: ${r.source === 'native' ? 'native columns' : `${r.source} export`} → ${r.entity}`,
  )
  for (const f of r.footerLines) io.out(`footer line dropped: ${f}`)
  const table = new Table({ head: ['file column', 'becomes'], style: { head: [], border: [] } })
  for (const c of r.columns)
    table.push([c.column, c.becomes.length ? c.becomes.join(', ') : '(ignored)'])
  io.out(table.toString())
  if (r.unmapped.length) io.out(`not in the file (default or empty): ${r.unmapped.join(', ')}`)
  for (const s of r.slashedDates) {
    io.out(
      s.fits.length === 1
        ? `dates in ${s.column} such as ${s.example} fit ${s.fits[0]} only: pass --date-format ${s.fits[0]}`
        : s.fits.length === 0
          ? `dates in ${s.column} such as ${s.example} fit neither day- nor month-first`
          : `dates in ${s.column} such as ${s.example} are ambiguous: pass --date-format DD/MM/YYYY or MM/DD/YYYY`,
    )
  }
  if (r.sample.length) {
    const keys = Object.keys(r.sample[0] ?? {})
    const sample = new Table({ head: keys, style: { head: [], border: [] } })
    for (const row of r.sample)
      sample.push(keys.map((k) => (row[k] === null ? '' : String(row[k]))))
    io.out(`first ${r.sample.length} rows as they would be stored:`)
    io.out(sample.toString())
  }
  if (r.invalidRows === 0) io.out('all rows valid')
  else {
    io.out(`${r.invalidRows} rows would be rejected, for example:`)
    for (const e of r.errors) {
      io.out(
        `  line ${e.line}: ${e.column} = ${e.value === null ? 'empty' : `'${e.value}'`}: ${e.reason}`,
      )
    }
  }
}

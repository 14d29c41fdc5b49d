import { MiernikError } from '../../errors.js'
import { inspectFile, type Inspection } from '../../ingest/inspect.js'
import { isEntityName, entityNames } from '../../model/entities.js'
import { openStore } from '../../store/open-store.js'
import type { Io } from '../io.js'
import { fitText, renderTable } from '../table.js'
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
  const width = io.width
  const say = (line: string) => io.out(fitText(line, width, '  '))
  const layout =
    r.format === 'csv'
      ? `CSV, delimiter ${r.delimiter === '\t' ? 'tab' : `'${r.delimiter}'`}`
      : r.format === 'xlsx'
        ? `XLSX, sheet '${r.sheet}'`
        : r.format.toUpperCase()
  say(`${r.file}: ${r.rows} rows, ${layout}, encoding ${r.encoding}`)
  say(`read as: ${r.source === 'native' ? 'native columns' : `${r.source} export`} → ${r.entity}`)
  for (const f of r.footerLines) say(`footer line dropped: ${f}`)
  io.out(
    renderTable(
      [
        { head: 'file column', wrap: true },
        { head: 'becomes', wrap: true },
      ],
      r.columns.map((c) => [c.column, c.becomes.length ? c.becomes.join(', ') : '(ignored)']),
      width,
    ),
  )
  if (r.unmapped.length) say(`not in the file (default or empty): ${r.unmapped.join(', ')}`)
  for (const s of r.slashedDates) {
    say(
      s.fits.length === 1
        ? `dates in ${s.column} such as ${s.example} fit ${s.fits[0]} only: pass --date-format ${s.fits[0]}`
        : s.fits.length === 0
          ? `dates in ${s.column} such as ${s.example} fit neither day- nor month-first`
          : `dates in ${s.column} such as ${s.example} are ambiguous: pass --date-format DD/MM/YYYY or MM/DD/YYYY`,
    )
  }
  if (r.sample.length) {
    const keys = Object.keys(r.sample[0] ?? {})
    say(`first ${r.sample.length} rows as they would be stored:`)
    io.out(
      renderTable(
        keys.map((head) => ({ head, wrap: true })),
        r.sample.map((row) => keys.map((k) => (row[k] === null ? '' : String(row[k])))),
        width,
      ),
    )
  }
  if (r.invalidRows === 0) io.out('all rows valid')
  else {
    say(`${r.invalidRows} rows would be rejected, for example:`)
    for (const e of r.errors) {
      say(
        `  line ${e.line}: ${e.column} = ${e.value === null ? 'empty' : `'${e.value}'`}: ${e.reason}`,
      )
    }
  }
}

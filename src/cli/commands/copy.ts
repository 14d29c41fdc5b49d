import { MiernikError } from '../../errors.js'
import { copyDatabase } from '../../store/copy-database.js'
import { openStore } from '../../store/open-store.js'
import { endProgress, progressReporter, type Io } from '../io.js'

export interface CopyOptions {
  from?: string
  to?: string
  replace?: boolean
}

/** `miernik copy --from A --to B`: a whole database between engines (DuckDB ↔ PostgreSQL). */
export async function copyCommand(options: CopyOptions, io: Io): Promise<number> {
  if (!options.from || !options.to) {
    throw new MiernikError(
      'USAGE',
      'give both --from and --to (a DuckDB file or a postgres:// URL)',
    )
  }
  if (options.from === options.to)
    throw new MiernikError('USAGE', '--from and --to are the same database')
  const from = await openStore(options.from)
  try {
    const to = await openStore(options.to, { create: true })
    try {
      const progress = progressReporter(io)
      const report = await copyDatabase(from, to, {
        replace: !!options.replace,
        ...(progress ? { onProgress: progress } : {}),
      })
      endProgress(io)
      const rows = report.tables.reduce((n, t) => n + t.rows, 0)
      io.out(`copied ${rows.toLocaleString('en')} rows from ${from.location} to ${to.location}`)
      for (const t of report.tables.filter((t) => t.rows > 0)) {
        io.out(`  ${t.table}: ${t.rows.toLocaleString('en')}`)
      }
      return 0
    } finally {
      await to.close()
    }
  } finally {
    await from.close()
  }
}

import { makeTempDir, removeTempDir } from '../temp-dirs.js'
import { join } from 'node:path'
import { MiernikError } from '../errors.js'
import { entities, entityNames } from '../model/entities.js'
import { catchUpDealDays } from '../model/deal-days.js'
import { bumpDataVersion } from './data-version.js'
import type { Store } from './store.js'

/** The tables a database's data lives in: every entity, the change log, the settings. */
export const dataTables: { table: string; columns: string[] }[] = [
  ...entityNames.map((e) => ({ table: e, columns: entities[e].columns.map((c) => c.name) })),
  {
    table: 'opportunity_changes',
    columns: ['opportunity_id', 'field', 'old_value', 'new_value', 'changed_at', 'source'],
  },
  { table: 'settings', columns: ['key', 'value'] },
]

export interface CopyReport {
  tables: { table: string; rows: number }[]
}

/**
 * Copies every table of `from` into `to` (both migrated to the same version) through CSV
 * files each engine writes and reads in bulk, in one transaction on the target: all of
 * it lands, or nothing. The target must hold no data unless `replace` (its data is then
 * deleted first, in the same transaction). Row counts are checked afterwards.
 */
export async function copyDatabase(
  from: Store,
  to: Store,
  options: { replace?: boolean; onProgress?: (message: string) => void } = {},
): Promise<CopyReport> {
  const q = to.dialect.quoteIdent
  const progress = options.onProgress ?? (() => {})
  const dir = makeTempDir()
  const report: CopyReport = { tables: [] }
  try {
    // The source is read in one snapshot: an import into it meanwhile is copied whole or not at all.
    await from.readSnapshot(() =>
      to.transaction(async () => {
        // Imports into the target wait (and this waits for them): no mixed writes.
        await to.lockForWrite()
        if (!options.replace && (await holdsData(to))) {
          throw new MiernikError(
            'USAGE',
            `${to.location} already holds data: copy into an empty database, or pass --replace to overwrite it`,
          )
        }
        for (const { table, columns } of dataTables) {
          const file = join(dir, `${table}.csv`)
          const list = columns.map(q).join(', ')
          progress(`copying ${table}`)
          await from.exportCsv(`SELECT ${list} FROM ${q(table)}`, [], file)
          await to.run(`DELETE FROM ${q(table)}`)
          await to.loadCsv(table, columns, file)
          const [a] = await from.query(`SELECT COUNT(*) AS n FROM ${q(table)}`)
          const [b] = await to.query(`SELECT COUNT(*) AS n FROM ${q(table)}`)
          if (Number(a?.n) !== Number(b?.n)) {
            throw new Error(`copy of ${table}: ${a?.n} rows read, ${b?.n} written`)
          }
          report.tables.push({ table, rows: Number(b?.n ?? 0) })
        }
        await bumpDataVersion(to)
      }),
    )
  } finally {
    removeTempDir(dir)
  }
  await catchUpDealDays(to)
  return report
}

/** Whether any table of a database holds a row (settings aside: every database has them). */
export async function holdsData(store: Store): Promise<boolean> {
  for (const { table } of dataTables) {
    if (table === 'settings') continue
    const [row] = await store.query(`SELECT COUNT(*) AS n FROM ${store.dialect.quoteIdent(table)}`)
    if (Number(row?.n ?? 0) > 0) return true
  }
  return false
}

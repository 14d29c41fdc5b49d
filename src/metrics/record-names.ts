import type { Store } from '../store/store.js'
import type { RecordColumn } from './fact-views/index.js'
import type { RecordsPage } from './records-page.js'

/** Id columns of records that have a name a person reads better: the name goes beside the id. */
const named: Record<string, { column: string; table: 'reps' | 'accounts' }> = {
  owner_id: { column: 'owner_name', table: 'reps' },
  rep_id: { column: 'rep_name', table: 'reps' },
  account_id: { column: 'account_name', table: 'accounts' },
}

/** Ids per lookup: a CSV export lists every record, and an IN list stays well under limits. */
const CHUNK = 1000

/**
 * The page with a name column after each id column it has (owner_name after owner_id…),
 * looked up for the ids on the page only. The ids stay: they are what the CRM searches by.
 */
export async function withNames(store: Store, page: RecordsPage): Promise<RecordsPage> {
  const present = page.columns.filter((c) => named[c.name] !== undefined)
  if (present.length === 0) return page
  const names = new Map<string, Map<string, string>>()
  for (const c of present) {
    const spec = named[c.name] as (typeof named)[string]
    const ids = [
      ...new Set(page.rows.map((r) => r[c.name]).filter((v): v is string => typeof v === 'string')),
    ]
    const found = names.get(spec.table) ?? new Map<string, string>()
    names.set(spec.table, found)
    const missing = ids.filter((id) => !found.has(id))
    for (let i = 0; i < missing.length; i += CHUNK) {
      const chunk = missing.slice(i, i + CHUNK)
      const list = chunk.map((_, j) => store.dialect.placeholder(j + 1)).join(', ')
      const rows = await store.query(
        `SELECT id, name FROM ${spec.table} WHERE id IN (${list}) AND name IS NOT NULL`,
        chunk,
      )
      for (const r of rows) found.set(String(r.id), String(r.name))
    }
  }
  const columns: RecordColumn[] = page.columns.flatMap((c) => {
    const spec = named[c.name]
    return spec ? [c, { name: spec.column, type: 'text' as const }] : [c]
  })
  const rows = page.rows.map((r) => {
    const out: Record<string, unknown> = {}
    for (const c of page.columns) {
      out[c.name] = r[c.name]
      const spec = named[c.name]
      if (spec) {
        const id = r[c.name]
        out[spec.column] = typeof id === 'string' ? (names.get(spec.table)?.get(id) ?? null) : null
      }
    }
    return out
  })
  return { ...page, columns, rows }
}

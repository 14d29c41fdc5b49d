import type { Dialect, Params } from '../../store/dialect.js'
import type { Store } from '../../store/store.js'
import { entities } from '../../model/entities.js'
import { addDays } from '../periods.js'

/** Deal fields whose changes the change log keeps, with their types (see ingest/side-writes.ts). */
const logged = {
  stage: 'text',
  status: 'text',
  amount: 'decimal',
  closed_on: 'date',
  expected_close_on: 'date',
} as const

/** The day of the latest logged change of any deal, or null: tells whether as-of needs the log. */
export async function latestChange(store: Store): Promise<string | null> {
  const [row] = await store.query(
    `SELECT CAST(CAST(MAX(changed_at) AS DATE) AS VARCHAR) AS day FROM opportunity_changes`,
  )
  return row?.day ? String(row.day) : null
}

/**
 * The opportunities table as it stood at the end of `asOf`: where the change log knows a
 * field changed after that day, the value before its first later change (a deal won in
 * April and reopened in December is won as of June 30). The table itself when nothing
 * changed later.
 */
export function dealsAsOf(
  d: Dialect,
  params: Params,
  asOf: string,
  lastChange: string | null,
): string {
  if (lastChange === null || lastChange <= asOf) return 'opportunities'
  const after = params.add(`${addDays(asOf, 1)} 00:00:00`)
  const fields = Object.keys(logged) as (keyof typeof logged)[]
  const firstChanges = fields
    .flatMap((f) => [
      `MAX(CASE WHEN field = '${f}' THEN 1 END) AS ${f}_changed`,
      `MAX(CASE WHEN field = '${f}' THEN old_value END) AS ${f}_then`,
    ])
    .join(', ')
  const columns = entities.opportunities.columns.map(({ name }) => {
    const type = logged[name as keyof typeof logged]
    if (!type) return `o.${d.quoteIdent(name)}`
    const then = type === 'text' ? `ch.${name}_then` : d.tryCast(`ch.${name}_then`, type)
    return `CASE WHEN ch.${name}_changed = 1 THEN ${then} ELSE o.${name} END AS ${name}`
  })
  return `(SELECT ${columns.join(', ')}
    FROM opportunities o LEFT JOIN (
      SELECT opportunity_id, ${firstChanges}
        FROM (SELECT c.opportunity_id, c.field, c.old_value,
                ROW_NUMBER() OVER (PARTITION BY c.opportunity_id, c.field ORDER BY c.changed_at) AS rn
              FROM opportunity_changes c WHERE c.changed_at >= CAST(${after} AS ${d.columnType('timestamp')})) x
       WHERE rn = 1 GROUP BY opportunity_id) ch ON ch.opportunity_id = o.id)`
}

/**
 * A deal's expected close date in force at each period's reference point (`p.ref`): past
 * pipeline coverage looks at the forecast as it stood then, not as it was later moved.
 */
export function expectedCloseAtRef(d: Dialect): string {
  const later = `c.opportunity_id = s.id AND c.field = 'expected_close_on' AND CAST(c.changed_at AS DATE) > p.ref`
  return `CASE WHEN EXISTS (SELECT 1 FROM opportunity_changes c WHERE ${later})
    THEN (SELECT ${d.tryCast('c.old_value', 'date')} FROM opportunity_changes c WHERE ${later}
           ORDER BY c.changed_at LIMIT 1)
    ELSE s.expected_close_on END`
}

export type { Params }

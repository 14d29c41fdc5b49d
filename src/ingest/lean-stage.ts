import { entities, type EntityName } from '../model/entities.js'
import type { Store } from '../store/store.js'
import { TYPED } from './import-report.js'
import type { Staged } from './staging.js'
import type { Check } from './validate.js'

/**
 * How a file is staged when it is probably clean: only the columns the write reads, and one
 * `_bad` flag holding every check of the row, evaluated while the file is read (so the raw
 * cells the checks and messages read are never stored). A file with any bad row is staged
 * again in full, for its messages and rejects file (see importFile).
 */
export interface LeanStaging {
  /** SELECT list over the file's text columns. */
  projection: string
  /** Checks reading stored rows (a deal's stored status): run over the staged table. */
  stored: Check[]
}

/**
 * A quoted name in a check (`"amount"`, `s."id"`), not a column of another table
 * (`t."id"`). Any quoted name an inline check holds must be a staged one, or the file is
 * staged in full (a double quote inside a string literal is thus never mistaken).
 */
const stagedName = /(?<![\w.])(?:s\.)?"((?:[^"]|"")+)"/g
const unquote = (name: string) => name.replaceAll('""', '"')

/**
 * The lean staging of a file, or null where it cannot be had: a check reading stored rows
 * that also reads a raw cell (a partial file's cross-column rule) needs the full staging.
 */
export function leanStaging(
  staged: Staged,
  checks: readonly Check[],
  q: (name: string) => string,
): LeanStaging | null {
  const kept = new Set(staged.written)
  const inline: string[] = []
  const stored: Check[] = []
  for (const check of checks) {
    const names = [...check.bad.matchAll(stagedName)].map((m) => unquote(m[1] as string))
    if (/\bSELECT\b/i.test(check.bad)) {
      if (names.some((n) => staged.sqlOf.has(n) && !kept.has(n))) return null
      stored.push(check)
      continue
    }
    if (names.some((n) => !staged.sqlOf.has(n))) return null
    // Each staged name becomes the SQL it is staged from. DuckDB shares a repeated
    // expression only outside AND, OR and CASE, so in this OR each is evaluated again; a
    // nested SELECT computing them once measured no faster (bench/notes/import.md, round 5).
    inline.push(
      `(${check.bad.replace(stagedName, (_, n: string) => `(${staged.sqlOf.get(unquote(n))})`)})`,
    )
  }
  const columns = staged.written.map((n) => `${staged.sqlOf.get(n)} AS ${q(n)}`)
  columns.push(`${inline.length ? inline.join(' OR ') : 'FALSE'} AS _bad`)
  return { projection: columns.join(', '), stored }
}

/**
 * Whether a lean-staged file is clean: no row fails a check and no key is there twice.
 * Two scans of the staged table, neither of which sorts it.
 */
export async function leanIsClean(
  store: Store,
  entity: EntityName,
  lean: LeanStaging,
): Promise<boolean> {
  const q = store.dialect.quoteIdent
  const stored = lean.stored.map((c) => ` OR (${c.bad})`).join('')
  const [bad] = await store.query(`SELECT COUNT(*) AS n FROM ${TYPED} s WHERE s._bad${stored}`)
  if (Number(bad?.n ?? 0) > 0) return false
  const cols = entities[entity].key.map(q).join(', ')
  const [twice] = await store.query(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${TYPED} GROUP BY ${cols} HAVING COUNT(*) > 1) d`,
  )
  return Number(twice?.n ?? 0) === 0
}

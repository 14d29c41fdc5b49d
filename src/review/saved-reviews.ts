import { sqlTime } from '../auth/secrets.js'
import { MiernikError } from '../errors.js'
import type { Store } from '../store/store.js'
import { buildReview } from './build-review.js'
import { reviewFigures } from './figures.js'
import type { ReviewPack } from './pack.js'
import { parseReviewInput, type ReviewInput } from './review-input.js'

/** A saved review as listed. */
export interface SavedReview {
  id: number
  label: string
  from: string
  to: string
  asOf: string
  scope: string | null
  savedAt: string
  savedBy: string | null
}

/** A figure a data correction changed since the review was saved. */
export interface Restatement {
  key: string
  saved: number | null
  now: number | null
}

/**
 * Freezes a pack as presented: its input, the filters it was computed with (a user's scope)
 * and every figure. It is shown as saved ever after; `restatements` says what changed since.
 * Returns its id (1, 2, 3...).
 */
export async function saveReview(
  store: Store,
  pack: ReviewPack,
  input: ReviewInput,
  meta: { by: string | null; now: Date },
): Promise<number> {
  const parsed = parseReviewInput(input)
  return store.transaction(async () => {
    await store.lockForWrite()
    const [row] = await store.query('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM reviews')
    const id = Number(row?.id ?? 1)
    await store.run(
      `INSERT INTO reviews (id, label, period_start, period_end, as_of, scope, input, filters, pack, saved_at, saved_by)
       VALUES ($1, $2, CAST($3 AS DATE), CAST($4 AS DATE), CAST($5 AS DATE), $6, $7, $8, $9, CAST($10 AS TIMESTAMP), $11)`,
      [
        id,
        pack.label,
        pack.from,
        pack.to,
        pack.asOf,
        pack.scope,
        JSON.stringify(parsed),
        JSON.stringify(pack.filters),
        JSON.stringify(pack),
        sqlTime(meta.now),
        meta.by,
      ],
    )
    return id
  })
}

/** Saved reviews, newest first, with the filters each was computed with (JSON). */
export async function listReviews(store: Store): Promise<(SavedReview & { filters: string })[]> {
  const rows = await store.query(
    `SELECT id, label, CAST(period_start AS VARCHAR) AS period_start, CAST(period_end AS VARCHAR) AS period_end,
            CAST(as_of AS VARCHAR) AS as_of, scope, filters, CAST(saved_at AS VARCHAR) AS saved_at, saved_by
       FROM reviews ORDER BY id DESC`,
  )
  return rows.map((r) => ({
    id: Number(r.id),
    label: String(r.label),
    from: String(r.period_start).slice(0, 10),
    to: String(r.period_end).slice(0, 10),
    asOf: String(r.as_of).slice(0, 10),
    scope: r.scope === null ? null : String(r.scope),
    filters: String(r.filters),
    savedAt: String(r.saved_at).slice(0, 19),
    savedBy: r.saved_by === null ? null : String(r.saved_by),
  }))
}

/** A saved review: the pack as it was saved, and how it was asked for. */
export async function loadReview(
  store: Store,
  id: number,
): Promise<{ pack: ReviewPack; input: ReviewInput; filters: Record<string, string[]> }> {
  if (!Number.isInteger(id) || id < 1)
    throw new MiernikError('USAGE', `a review id is a whole number, not '${id}'`)
  const [row] = await store.query('SELECT input, filters, pack FROM reviews WHERE id = $1', [id])
  if (!row)
    throw new MiernikError('USAGE', `no saved review ${id}: 'miernik review list' shows them`)
  return {
    pack: JSON.parse(String(row.pack)) as ReviewPack,
    input: JSON.parse(String(row.input)) as ReviewInput,
    filters: JSON.parse(String(row.filters)) as Record<string, string[]>,
  }
}

/**
 * The figures of a saved review that a fresh computation — same period, as-of date and slice
 * — gives differently: data corrected or loaded late since it was presented.
 */
export async function restatements(store: Store, id: number): Promise<Restatement[]> {
  const saved = await loadReview(store, id)
  const fresh = await buildReview(store, saved.input, { filters: saved.filters })
  const before = reviewFigures(saved.pack)
  const after = reviewFigures(fresh)
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys
    .map((key) => ({ key, saved: before[key] ?? null, now: after[key] ?? null }))
    .filter((x) => !same(x.saved, x.now))
}

/** Equal, or equal to the rounding of a floating sum (1e-9 relative). */
function same(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}

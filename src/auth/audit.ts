import type { Store } from '../store/store.js'
import { sqlTime } from './secrets.js'

/** What the audit log records: who did what to what, when, and whether it worked. */
export interface AuditEntry {
  actor: string | null
  action: string
  target?: string | null
  ok: boolean
  detail?: string | null
}

export async function audit(store: Store, entry: AuditEntry, now: Date): Promise<void> {
  await store.run(
    'INSERT INTO audit_log (happened_at, actor, action, target, ok, detail) VALUES (CAST($1 AS TIMESTAMP), $2, $3, $4, $5, $6)',
    [sqlTime(now), entry.actor, entry.action, entry.target ?? null, entry.ok, entry.detail ?? null],
  )
}

export interface AuditRow extends AuditEntry {
  at: string
}

export async function readAudit(
  store: Store,
  options: { limit?: number; action?: string } = {},
): Promise<AuditRow[]> {
  const rows = await store.query(
    `SELECT CAST(happened_at AS VARCHAR) AS at, actor, action, target, ok, detail FROM audit_log
      ${options.action ? 'WHERE action = $1' : ''}
      ORDER BY happened_at DESC LIMIT ${Math.max(1, Math.min(options.limit ?? 100, 10_000))}`,
    options.action ? [options.action] : [],
  )
  return rows.map((r) => ({
    at: String(r.at),
    actor: r.actor === null ? null : String(r.actor),
    action: String(r.action),
    target: r.target === null ? null : String(r.target),
    ok: r.ok === true,
    detail: r.detail === null ? null : String(r.detail),
  }))
}

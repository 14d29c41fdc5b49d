import { audit, type AuditEntry } from '../auth/audit.js'
import type { Store } from '../store/store.js'

/** The actor of what the CLI does, in the audit log: the operating-system user at the machine. */
export const cliActor = () => `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`

/** Records a change made from the command line (read from the clock here, at the edge). */
export async function auditCli(store: Store, entry: Omit<AuditEntry, 'actor'>): Promise<void> {
  await audit(store, { actor: cliActor(), ...entry }, new Date())
}

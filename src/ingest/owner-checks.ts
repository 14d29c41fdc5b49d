import { MiernikError } from '../errors.js'
import { entities, type EntityName } from '../model/entities.js'
import { repOwnedEntities, repOwnerColumn } from '../model/rep-owned.js'
import type { FileMapping } from './mapping/file-mapping.js'
import { rawName, type Check, type Staged } from './validate.js'

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`

/**
 * Checks limiting an import to the records of some reps (a manager's team): each row must
 * be owned by one of them once written, and must not take over a record now owned by
 * someone else. They join the validation checks, so a row outside the team is a reject
 * like any other: named with its line, refused all-or-nothing, listed in the rejects file.
 * Entities shared by the whole company (reps, accounts, stages, spend...) are refused.
 */
export function ownerChecks(
  mapping: FileMapping,
  staged: Pick<Staged, 'shownOf' | 'labelOf'>,
  reps: readonly string[],
): Check[] {
  const entity = mapping.entity
  const spec = entities[entity]
  const list = reps.length ? reps.map(lit).join(', ') : 'NULL'
  const inTeam = (sql: string) => `COALESCE(${sql} IN (${list}), FALSE)`
  if (entity === 'stage_changes') {
    return [
      {
        column: staged.labelOf.get('opportunity_id') ?? 'opportunity_id',
        reason: 'not a deal of your team: stage history is imported for your reps’ deals only',
        bad: `NOT EXISTS (SELECT 1 FROM opportunities t WHERE t.id = s."opportunity_id" AND ${inTeam('t.owner_id')})`,
        value: shown(staged, spec, 'opportunity_id'),
      },
    ]
  }
  const owner = repOwnerColumn[entity]
  if (!owner) {
    throw new MiernikError(
      'FORBIDDEN',
      `${entity} are shared by the whole company: an admin imports them (a manager imports their team's ${repOwnedEntities.join(', ')})`,
    )
  }
  const keyMatch = spec.key.map((k) => `t."${k}" = s."${k}"`).join(' AND ')
  // The owner once written: the file's, or (a file without the column) the stored one.
  const written = mapping.columns.has(owner)
    ? `s."${owner}"`
    : `(SELECT t."${owner}" FROM "${entity}" t WHERE ${keyMatch})`
  const checks: Check[] = [
    {
      column: staged.labelOf.get(owner) ?? owner,
      reason: 'not one of your reps: a manager imports records of their own team only',
      bad: `NOT ${inTeam(written)}`,
      value: mapping.columns.has(owner) ? shown(staged, spec, owner) : 'NULL',
    },
  ]
  if (!spec.key.includes(owner)) {
    const key = spec.key[0] as string
    checks.push({
      column: staged.labelOf.get(key) ?? key,
      reason: 'this record belongs to a rep outside your team',
      bad: `EXISTS (SELECT 1 FROM "${entity}" t WHERE ${keyMatch} AND NOT ${inTeam(`t."${owner}"`)})`,
      value: shown(staged, spec, key),
    })
  }
  return checks
}

function shown(
  staged: Pick<Staged, 'shownOf'>,
  spec: (typeof entities)[EntityName],
  column: string,
): string {
  const c = spec.columns.find((x) => x.name === column)
  return `"${staged.shownOf.get(column) ?? (c ? rawName(c) : column)}"`
}

import type { EntityName } from '../model/entities.js'
import type { Encoding } from './readers/prepare-file.js'
import type { ReferenceWarning } from './references.js'
import type { SideWrites } from './side-writes.js'
import type { UpsertCounts } from './upsert.js'
import type { RowError } from './validate.js'

/** How to read a file that is not in the native format. */
export interface ReadOptions {
  /** A CRM preset: hubspot, pipedrive, salesforce, capsule. */
  preset?: string
  /** A JSON mapping file for any other source (see README). */
  mapping?: string
  /** Day/month order of slashed dates, e.g. 'DD/MM/YYYY'. */
  dateFormat?: string
  /** The decimal mark of amounts when it cannot be told from the cell. */
  decimal?: '.' | ','
  /** Overrides encoding detection. */
  encoding?: Encoding
  /** XLSX sheet (default: the first). */
  sheet?: string
}

export interface ImportOptions extends ReadOptions {
  /** Write the valid rows and put the rejected ones in a rejects CSV beside the input. */
  skipInvalid?: boolean
  /** Validate only; write nothing. */
  dryRun?: boolean
  /** Most errors listed in the report (all are counted). */
  maxErrors?: number
  onProgress?: (message: string) => void
  /**
   * When this snapshot was taken (ISO date-time): the time of stage moves and field
   * changes seen since the previous import. Read from the clock by the caller.
   */
  observedAt?: string
  /**
   * Only records of these reps may be imported (a manager's team): other rows are rejects.
   * Entities not owned by a rep are refused (see ownerChecks).
   */
  onlyReps?: readonly string[]
  /** Write the rejects file even when the import is refused (a server's download). */
  rejectsWhenRefused?: boolean
}

/** Rows left out on purpose: deleted in the CRM, repeated history rows, report footers. */
export type Skipped = { rows: number; why: string }[]

export interface ImportReport extends UpsertCounts, SideWrites {
  entity: EntityName
  file: string
  /** 'native', the preset's name or 'mapping file'. */
  source: string
  encoding: Encoding
  rows: number
  rejected: number
  skipped: Skipped
  errors: RowError[]
  /** Columns of the file that are not part of the entity and were ignored. */
  ignoredColumns: string[]
  references: ReferenceWarning[]
  /** Other things worth knowing about what was written (overlapping quotas). */
  warnings: string[]
  rejectsFile: string | null
  dryRun: boolean
}

/** The staging tables of one import (temporary: gone with the connection). */
export const TYPED = 'miernik_staging_typed'
export const REJECTED = 'miernik_staging_rejected'
export const LINE_MAP = 'miernik_staging_lines'

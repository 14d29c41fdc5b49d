/**
 * Shared test setup: fixture directories imported through the real importer, CSV
 * writers for generated fixtures, and small helpers around compute().
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach } from 'vitest'
import { importFile, type ImportReport } from '../src/ingest/import-file.js'
import { compute } from '../src/metrics/compute.js'
import type { MetricQuery } from '../src/metrics/query-schema.js'
import type { ResultRow } from '../src/metrics/result-row.js'
import { entityNames, type EntityName } from '../src/model/entities.js'
import { openStore } from '../src/store/open-store.js'
import { writeSetting } from '../src/store/settings.js'
import type { Store } from '../src/store/store.js'
import { memoryLocation } from './engine.js'

export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
export const fixture = (name: string) => join(fixturesDir, name)

/** Import order: referenced entities first (the catalogue's own order), so reference warnings mean what they say. */
export const importOrder: readonly EntityName[] = entityNames

export interface StoreOptions {
  /** Settings written before the import (base_currency decides the default currency of rows). */
  settings?: Record<string, string>
}

const openStores: Store[] = []
afterEach(async () => {
  for (const s of openStores.splice(0)) await s.close()
})

/** A fresh migrated in-memory store on the engine under test, closed after the test. */
export async function emptyStore(options: StoreOptions = {}): Promise<Store> {
  const store = await openStore(memoryLocation(), { create: true })
  openStores.push(store)
  for (const [k, v] of Object.entries(options.settings ?? {})) await writeSetting(store, k, v)
  return store
}

/** A fresh store with every `<entity>.csv|json|jsonl` of `dir` imported in dependency order. */
export async function storeWith(dir: string, options: StoreOptions = {}): Promise<Store> {
  const store = await emptyStore(options)
  await importDir(store, dir)
  return store
}

export async function importDir(store: Store, dir: string): Promise<ImportReport[]> {
  const files = readdirSync(dir)
  const reports: ImportReport[] = []
  for (const entity of importOrder) {
    for (const ext of ['csv', 'json', 'jsonl']) {
      const name = `${entity}.${ext}`
      if (files.includes(name)) reports.push(await importFile(store, entity, join(dir, name)))
    }
  }
  return reports
}

// ---------- generated fixtures ----------

export type Cell = string | number | boolean | null | undefined
export type Rec = Record<string, Cell>

/** A fresh temporary directory (left for the OS to clean; rejects files land there too). */
export function tempDir(prefix = 'miernik-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

const csvCell = (v: Cell): string => {
  if (v === null || v === undefined) return ''
  const s = String(v)
  return /[",\n\r;\t]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** CSV text with the union of the records' keys as header, in first-seen order. */
export function toCsv(records: readonly Rec[], delimiter = ','): string {
  const columns: string[] = []
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k)
  const lines = [columns.join(delimiter)]
  for (const r of records) lines.push(columns.map((c) => csvCell(r[c])).join(delimiter))
  return lines.join('\n') + '\n'
}

/** Writes `<entity>.csv` per entry (records, or raw text) into a new temp dir and returns it. */
export function writeFixture(files: Partial<Record<EntityName, readonly Rec[] | string>>): string {
  const dir = tempDir()
  for (const [entity, content] of Object.entries(files)) {
    if (content === undefined) continue
    writeFileSync(
      join(dir, `${entity}.csv`),
      typeof content === 'string' ? content : toCsv(content),
    )
  }
  return dir
}

/** Writes one file with the given text into a new temp dir; returns its path. */
export function writeFile(name: string, text: string | Buffer): string {
  const path = join(tempDir(), name)
  writeFileSync(path, text)
  return path
}

/** `n` records built by `make(i)` for i = 0..n-1. */
export const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i))

/** 'p-007' style ids that sort as text in numeric order. */
export const pad = (prefix: string, i: number, width = 3) =>
  `${prefix}${String(i).padStart(width, '0')}`

/** ISO date `days` after `iso` (UTC calendar arithmetic). */
export function plusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

// ---------- compute helpers ----------

/** The quarter used by most metric tests: 2026-Q2, read as of a fixed later date. */
export const Q2 = { from: '2026-04-01', to: '2026-06-30', asOf: '2026-09-30' } as const

export async function run(
  store: Store,
  metrics: string | string[],
  query: Partial<MetricQuery> = {},
): Promise<ResultRow[]> {
  return compute(store, {
    ...Q2,
    ...query,
    metrics: Array.isArray(metrics) ? metrics : [metrics],
  } as MetricQuery)
}

/** The single result row of one metric (ungrouped, one bucket); fails loudly otherwise. */
export async function one(
  store: Store,
  metric: string,
  query: Partial<MetricQuery> = {},
): Promise<ResultRow> {
  const rows = await run(store, metric, query)
  if (rows.length !== 1) throw new Error(`expected one row, got ${JSON.stringify(rows, null, 1)}`)
  return rows[0] as ResultRow
}

/** The row of `group` (matched on the given keys) among `rows`. */
export function rowOf(rows: ResultRow[], group: Record<string, string | null>): ResultRow {
  const row = rows.find((r) => Object.entries(group).every(([k, v]) => r.group[k] === v))
  if (!row) throw new Error(`no row for ${JSON.stringify(group)} in ${JSON.stringify(rows)}`)
  return row
}

/** Value, numerator, denominator (and reason) of a row: one object to compare. */
export const vnd = (r: ResultRow) => ({
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  ...(r.reason ? { reason: r.reason } : {}),
})

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../cli-run.js'
import { entityNames } from '../../src/model/entities.js'
import { fileLocation } from '../engine.js'

// Each folder of examples/worked is a worked example of design.md §4 as a user would try it:
// `miernik import` every file, then the `miernik metrics` command of expected.json.
const root = new URL('../../examples/worked/', import.meta.url).pathname

interface Expected {
  about: string
  /** Snapshots imported in order, each with its --exported-at; else every file once. */
  imports?: { entity: string; file: string; exportedAt: string }[]
  argv: string[]
  expected: ({ metric: string; value: number | null } & Record<string, unknown>)[]
}

const miernik = (argv: string[]) => runCli(argv, '2026-09-30')

describe('worked examples through the CLI', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name)
    const spec = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected
    it(`${name}: ${spec.about}`, async () => {
      const db = fileLocation('worked')
      const files = readdirSync(dir).filter((f) => f.endsWith('.csv'))
      // Entities in the catalogue's order: references point backwards, so no warnings.
      const imports =
        spec.imports ??
        entityNames
          .filter((e) => files.includes(`${e}.csv`))
          .map((entity) => ({ entity, file: `${entity}.csv`, exportedAt: undefined }))
      for (const { entity, file, exportedAt } of imports) {
        const at = exportedAt ? ['--exported-at', exportedAt] : []
        const r = await miernik(['import', entity, join(dir, file), '--db', db, ...at])
        expect(r.err).toBe('')
        expect(r.code).toBe(0)
      }
      const r = await miernik([...spec.argv, '--db', db])
      expect(r.err).toBe('')
      const rows = (JSON.parse(r.out) as { rows: Record<string, unknown>[] }).rows
      expect(rows).toHaveLength(spec.expected.length)
      spec.expected.forEach((e, i) => {
        const row = rows[i] as Record<string, number | string | null>
        expect(row.metric).toBe(e.metric)
        // Every field the example states: numbers to 9 places, the rest as they are.
        for (const [key, want] of Object.entries(e)) {
          if (typeof want === 'number') expect(row[key], key).toBeCloseTo(want, 9)
          else expect(row[key], key).toEqual(want)
        }
      })
    })
  }
})

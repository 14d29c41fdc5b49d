import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catalog, starterMetrics } from '../../src/metrics/catalog.js'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the catalogue', () => {
  it('has one metric per file of catalog/, with unique ids, and the starter seven among them', () => {
    const files = readdirSync(new URL('../../src/metrics/catalog/', import.meta.url))
    expect(catalog.length).toBeGreaterThanOrEqual(21)
    expect(new Set(catalog.map((m) => m.id)).size).toBe(files.length)
    for (const id of starterMetrics) expect(catalog.map((m) => m.id)).toContain(id)
  })

  it.each(catalog.map((m) => [m.id, m] as const))(
    '%s: the Polish formula fills in the same numbers as the English one',
    (_, m) => {
      expect(placeholders(m.pl.formula)).toEqual(placeholders(m.formula))
      expect(m.pl.help).not.toBe(m.help)
    },
  )
})

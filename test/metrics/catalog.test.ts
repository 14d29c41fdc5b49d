import { describe, expect, it } from 'vitest'
import { catalog, starterMetrics } from '../../src/metrics/catalog.js'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the catalogue', () => {
  it('has 21 metrics with unique ids, and the starter seven among them', () => {
    expect(new Set(catalog.map((m) => m.id)).size).toBe(21)
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

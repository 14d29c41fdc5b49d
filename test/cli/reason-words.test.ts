import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalog } from '../../src/metrics/catalog.js'
import { reasonCodes, reasonText, reasonWords } from '../../src/format/reason-words.js'

// Every reason code the engine can give has words in both languages: the codes are read
// from the sources, so a new one fails here until it is said.
const root = new URL('../../src/', import.meta.url).pathname

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  )
}

/** `reason: 'x'`, `notPositive: 'x'`, `reason ?? 'x'`, and the codes evaluate-rows and slicing return. */
function codesInSources(): Set<string> {
  const found = new Set<string>()
  const patterns = [
    /\b(?:reason|notPositive)\??:\s*'([a-z_]+)'/g,
    /\breason \?\? '([a-z_]+)'/g,
    /\bperStage \? '([a-z_]+)' : '([a-z_]+)'/g,
    /'future' \? '([a-z_]+)'/g,
    /\breturn '(unsupported_[a-z_]+)'/g,
  ]
  for (const text of [...sources(join(root, 'metrics')), ...sources(join(root, 'contracts'))]) {
    for (const p of patterns)
      for (const m of text.matchAll(p)) for (const code of m.slice(1)) if (code) found.add(code)
  }
  return found
}

describe('reason words', () => {
  it('has words for every code the engine gives, in English and Polish', () => {
    const codes = codesInSources()
    // The scan finds the codes of every kind of place they are set.
    for (const code of ['no_closed_deals', 'not_started', 'no_data', 'no_stage_data'])
      expect(codes).toContain(code)
    expect(codes).toContain('unsupported_grouping')
    expect(codes).toContain('unsupported_filter')
    for (const m of catalog) if (m.excludes) codes.add(m.excludes.reason)
    expect([...codes].filter((c) => !(reasonCodes as readonly string[]).includes(c))).toEqual([])
    for (const lang of ['en', 'pl'] as const)
      for (const code of reasonCodes) expect(reasonWords[lang][code]).toMatch(/^[^_]+$/)
  })

  it('says an unknown code with spaces rather than underscores', () => {
    expect(reasonText('no_closed_deals')).toBe('no closed deals')
    expect(reasonText('no_closed_deals', 'pl')).toBe('brak zamkniętych transakcji')
    expect(reasonText('some_new_reason')).toBe('some new reason')
  })
})

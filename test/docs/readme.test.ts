import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catalogMarkdown } from '../../src/metrics/catalog-markdown.js'
import { entitiesMarkdown } from '../../src/model/entities-markdown.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('opens with the install-and-dashboard command, the test command and where to look', () => {
    const [before = '', firstBlock = '', after = ''] = readme.split('```')
    expect(before.trim()).toBe('# Miernik')
    expect(firstBlock).toContain('npm install && npm run dashboard')
    expect(firstBlock).toContain('npm test')
    expect(after.split('\n\n')[1]).toContain('http://127.0.0.1:8080/')
    const scripts = (
      JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    ).scripts
    expect(scripts.dashboard).toContain('serve --demo')
  })

  it('holds the metric catalogue as generated from the definitions (run npm run docs:metrics)', () => {
    expect(readme).toContain(catalogMarkdown())
  })

  it('holds the native format as generated from the column specs (run npm run docs:metrics)', () => {
    expect(readme).toContain(entitiesMarkdown())
  })
})

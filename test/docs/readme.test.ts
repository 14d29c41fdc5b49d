import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catalogMarkdown } from '../../src/metrics/catalog-markdown.js'
import { entitiesMarkdown } from '../../src/model/entities-markdown.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('opens with the install-and-demo command and the test command', () => {
    const firstBlock = readme.split('```')[1] ?? ''
    expect(firstBlock).toContain('npm install && npm run demo')
    expect(firstBlock).toContain('npm test')
  })

  it('holds the metric catalogue as generated from the definitions (run npm run docs:metrics)', () => {
    expect(readme).toContain(catalogMarkdown())
  })

  it('holds the native format as generated from the column specs (run npm run docs:metrics)', () => {
    expect(readme).toContain(entitiesMarkdown())
  })
})

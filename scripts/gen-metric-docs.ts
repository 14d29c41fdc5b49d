/** Rewrites the generated sections of README.md (metric catalogue, native format) from the code. */
import { readFileSync, writeFileSync } from 'node:fs'
import { catalogMarkdown, replaceBlock } from '../src/metrics/catalog-markdown.js'
import { entitiesMarkdown } from '../src/model/entities-markdown.js'

const path = new URL('../README.md', import.meta.url)
const readme = readFileSync(path, 'utf8')
writeFileSync(
  path,
  replaceBlock(replaceBlock(readme, 'metrics', catalogMarkdown()), 'entities', entitiesMarkdown()),
)
console.log('README.md: metric catalogue and native format regenerated')

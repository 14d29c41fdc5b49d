/** Rewrites the metric catalogue section of README.md from the definitions. */
import { readFileSync, writeFileSync } from 'node:fs'
import { withCatalog } from '../src/metrics/catalog-markdown.js'

const path = new URL('../README.md', import.meta.url)
writeFileSync(path, withCatalog(readFileSync(path, 'utf8')))
console.log('README.md: metric catalogue regenerated')

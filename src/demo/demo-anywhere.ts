import { copyDatabase } from '../store/copy-database.js'
import { openStore } from '../store/open-store.js'
import type { Store } from '../store/store.js'
import { generateDemo, type DemoOptions, type DemoSummary } from './generate-demo.js'

/**
 * Demo data in any store. The generator is DuckDB SQL (hashing, ranges, ASOF joins run
 * in seconds for a million deals there), so for another engine it generates in a scratch
 * DuckDB database and copies the result over, replacing what the target held.
 */
export async function generateDemoAnywhere(
  store: Store,
  options: DemoOptions & { replace?: boolean },
): Promise<DemoSummary> {
  if (store.dialect.name === 'duckdb') return generateDemo(store, options)
  // A team's database is never overwritten unasked: copyDatabase refuses one with data.
  const scratch = await openStore(':memory:', { create: true })
  try {
    const summary = await generateDemo(scratch, options)
    options.onProgress?.(`copying to ${store.location}`)
    await copyDatabase(scratch, store, { replace: !!options.replace })
    return summary
  } finally {
    await scratch.close()
  }
}

import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Runs once before the whole suite (vitest globalSetup): test-artifacts/screenshots then
 * holds this run's pictures only, whichever browser test files wrote them in parallel.
 */
export default function setup(): void {
  rmSync(fileURLToPath(new URL('../test-artifacts/screenshots', import.meta.url)), {
    recursive: true,
    force: true,
  })
}

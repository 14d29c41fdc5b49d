import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/ingest/import-file.js'
import { emptyStore, fixture } from '../helpers.js'

describe('import progress', () => {
  it('reports each phase (the CLI shows these on a terminal)', async () => {
    const store = await emptyStore()
    const messages: string[] = []
    const file = join(fixture('import'), 'opportunities.csv')
    await importFile(store, 'opportunities', file, { onProgress: (m) => messages.push(m) })
    expect(messages[0]).toBe(`reading ${file}`)
    expect(messages).toContain('read 3 rows; validating')
    expect(messages).toContain('writing 3 rows to opportunities')
    // Progress is passed to each step, never left set on the store.
    expect('onProgress' in store).toBe(false)
    await store.close()
  })
})

import type { Store } from './store.js'

/** What `miernik demo` generated, kept so the dashboard can say the numbers are not real. */
export interface DemoMark {
  seed: number
  scale: number
  as_of: string
}

/** Records that the database holds generated data; runs inside the demo's own transaction. */
export async function markDemo(store: Pick<Store, 'run'>, mark: DemoMark): Promise<void> {
  await store.run(
    `INSERT INTO settings VALUES ('demo_data', $1) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
    [JSON.stringify(mark)],
  )
}

/** The demo the database holds, if any. */
export async function readDemoMark(store: Pick<Store, 'query'>): Promise<DemoMark | null> {
  const [row] = await store.query(`SELECT "value" FROM settings WHERE "key" = 'demo_data'`)
  if (!row) return null
  try {
    return JSON.parse(String(row.value)) as DemoMark
  } catch {
    return null
  }
}

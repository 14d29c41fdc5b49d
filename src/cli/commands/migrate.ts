import { latestVersion } from '../../model/migrations/index.js'
import { schemaVersion } from '../../store/migrate.js'
import { openStore } from '../../store/open-store.js'
import type { Io } from '../io.js'

/** `miernik migrate`: brings a database's schema up to this program's version, explicitly. */
export async function migrateCommand(options: { db?: string }, io: Io): Promise<number> {
  const store = await openStore(options.db, { create: true, migrate: true })
  try {
    const version = await schemaVersion(store)
    io.out(
      `${store.location}: schema version ${version} (this miernik's latest is ${latestVersion})`,
    )
    return 0
  } finally {
    await store.close()
  }
}

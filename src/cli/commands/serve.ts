import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { generateDemoAnywhere } from '../../demo/demo-anywhere.js'
import { holdsData } from '../../store/copy-database.js'
import { MiernikError } from '../../errors.js'
import { isIsoDate } from '../../metrics/periods.js'
import { createApp } from '../../server/app.js'
import { openStore } from '../../store/open-store.js'
import type { Io } from '../io.js'

export interface ServeOptions {
  db?: string
  port: string
  host: string
  asOf?: string
}

/** The built dashboard: dist/web beside the compiled CLI, or the repo's dist/web when run from src. */
function webDir(): string | undefined {
  const candidates = ['../../web/', '../../../dist/web/'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  )
  return candidates.find((dir) => existsSync(`${dir}index.html`))
}

/** Serves the HTTP API and the dashboard until stopped; an empty database gets demo data first. */
export async function serveCommand(options: ServeOptions, io: Io): Promise<number> {
  const port = Number(options.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new MiernikError('USAGE', `--port must be a port number, not '${options.port}'`)
  }
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    throw new MiernikError('USAGE', `--as-of must be a date YYYY-MM-DD, not '${options.asOf}'`)
  }
  const today = () => options.asOf ?? io.today()
  const store = await openStore(options.db, { create: true })
  // Demo data only in an empty embedded database: a team's server is never filled unasked.
  if (store.dialect.name === 'duckdb' && !(await holdsData(store))) {
    io.out(`${store.location} has no opportunities: generating demo data as of ${today()}...`)
    await generateDemoAnywhere(store, { seed: 42, scale: 1, asOf: today() })
  }
  const dir = webDir()
  const app = createApp({ store, today, log: (m) => io.err(m), ...(dir ? { webDir: dir } : {}) })
  await new Promise<void>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: options.host }, (info) => {
      io.out(`Miernik is serving ${store.location} at http://${options.host}:${info.port}/`)
      if (!dir) io.out('(the dashboard is not built: run npm run build; the API works)')
      io.out('Press Ctrl+C to stop.')
    })
    server.on('error', (e) =>
      reject(
        new MiernikError(
          'USAGE',
          `cannot listen on ${options.host}:${port}: ${(e as Error).message}`,
        ),
      ),
    )
    const stop = () => server.close(() => resolve())
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await store.close()
  return 0
}

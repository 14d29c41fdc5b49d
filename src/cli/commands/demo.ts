import { generateDemoAnywhere } from '../../demo/demo-anywhere.js'
import { MiernikError } from '../../errors.js'
import { starterMetrics } from '../../metrics/catalog.js'
import { addDays, bucketStart, isIsoDate, previousPeriod } from '../../metrics/periods.js'
import { openStore } from '../../store/open-store.js'
import { readSettings } from '../../store/settings.js'
import { endProgress, progressReporter, type Io } from '../io.js'
import { metricsCommand } from './metrics.js'

export interface DemoOptions {
  db?: string
  seed: string
  scale: string
  asOf?: string
  replace?: boolean
}

export async function demoCommand(options: DemoOptions, io: Io): Promise<number> {
  const seed = Number(options.seed)
  const scale = Number(options.scale)
  if (!Number.isInteger(seed))
    throw new MiernikError('USAGE', `--seed must be a whole number, not '${options.seed}'`)
  if (!(scale > 0))
    throw new MiernikError('USAGE', `--scale must be a positive number, not '${options.scale}'`)
  const asOf = options.asOf ?? io.today()
  if (!isIsoDate(asOf))
    throw new MiernikError('USAGE', `--as-of must be a date YYYY-MM-DD, not '${asOf}'`)

  const store = await openStore(options.db, { create: true })
  let fiscalStart: number
  try {
    const started = Date.now()
    const progress = progressReporter(io)
    const summary = await generateDemoAnywhere(store, {
      replace: !!options.replace,
      seed,
      scale,
      asOf,
      ...(progress ? { onProgress: progress } : {}),
    })
    endProgress(io)
    const counts = Object.entries(summary.rows)
      .map(([t, n]) => `${t} ${Number(n).toLocaleString('en-US')}`)
      .join(', ')
    io.out(
      `Demo data as of ${asOf} (seed ${seed}, scale ${scale}) in ${store.location}, ${((Date.now() - started) / 1000).toFixed(1)} s:`,
    )
    io.out(`  ${counts}`)
    fiscalStart = (await readSettings(store)).fiscal_year_start_month
  } finally {
    await store.close()
  }

  // The latest quarter that is over by the as-of date (its own quarter when it is the last day).
  const next = bucketStart(addDays(asOf, 1), 'quarter', fiscalStart)
  const quarter = previousPeriod({ start: next, end: next, aligned: 'quarter' })
  io.out(`\nThe starter seven for ${quarter.start} – ${quarter.end}, against the quarter before:`)
  return metricsCommand(
    {
      ...(options.db ? { db: options.db } : {}),
      metric: starterMetrics.join(','),
      from: quarter.start,
      to: quarter.end,
      compare: 'previous',
      format: 'table',
      explain: true,
      asOf,
    },
    io,
  )
}

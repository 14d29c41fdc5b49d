import { MiernikError } from '../../errors.js'
import { takeForecastSnapshot, type ForecastSnapshot } from '../../forecast/forecast-snapshot.js'
import { makeFormatter } from '../../format/number-format.js'
import { isIsoDate, nextQuarter, parsePeriod } from '../../metrics/periods.js'
import { openStore } from '../../store/open-store.js'
import { readSettings } from '../../store/settings.js'
import { scopeCandidates } from '../../store/targets-store.js'
import { auditCli } from '../audit-cli.js'
import type { Io } from '../io.js'
import { fitText, renderTable } from '../table.js'

export interface ForecastSnapshotOptions {
  db?: string
  period?: string
  madeOn?: string
  format?: string
}

/**
 * `miernik forecast snapshot [--period P] [--made-on D]`: freezes the forecast of P from
 * the pipeline as of D (default today, read here at the edge) into `forecasts`.
 */
export async function forecastSnapshotCommand(
  options: ForecastSnapshotOptions,
  io: Io,
): Promise<number> {
  const format = options.format ?? 'table'
  if (format !== 'table' && format !== 'json')
    throw new MiernikError('USAGE', `unknown --format '${format}': use table or json`)
  const madeOn = options.madeOn ?? io.today()
  if (!isIsoDate(madeOn))
    throw new MiernikError('USAGE', `--made-on must be a date YYYY-MM-DD, not '${madeOn}'`)
  const store = await openStore(options.db)
  try {
    const settings = await readSettings(store)
    const fiscal = settings.fiscal_year_start_month
    const named = options.period === undefined ? undefined : parsePeriod(options.period, fiscal)
    const period = named ? { start: named.from, end: named.to } : nextQuarter(madeOn, fiscal)
    const snapshot = await takeForecastSnapshot(store, { madeOn, period })
    await auditCli(store, {
      action: 'forecast_snapshot',
      target: `${period.start} – ${period.end}`,
      ok: true,
      detail: `made on ${madeOn}: ${snapshot.rows.length} rows`,
    })
    if (format === 'json') {
      io.out(JSON.stringify(snapshot, null, 2))
      return 0
    }
    const { reps } = await scopeCandidates(store)
    io.out(describe(snapshot, new Map(reps.map((r) => [r.id, r.name])), io.width))
    return 0
  } finally {
    await store.close()
  }
}

/** The snapshot as a person reads it: what it is of, the rows written, what was left out. */
function describe(s: ForecastSnapshot, names: Map<string, string>, width?: number): string {
  const fmt = makeFormatter('en', s.currency)
  const money = (text: string) => fmt.money(Number(text), 2)
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const scope = (text: string) => {
    const rep = /^rep:(.*)$/s.exec(text)?.[1]
    const name = rep === undefined ? undefined : names.get(rep)
    return name ? `${text} (${name})` : text
  }
  const lines = [
    fitText(
      `Forecast for ${s.period_start} – ${s.period_end}, made on ${s.made_on} from the deals as they stood then: ${plural(s.deals.won, 'deal')} won in the period so far, ${plural(s.deals.open, 'open deal')} expected to close in it, weighted by probability (the deal's own, else its stage's).`,
      width,
    ),
    s.categorised
      ? fitText(
          'By forecast category: commit = won + commit deals; best_case = commit + best case deals; pipeline = won + every deal not omitted.',
          width,
        )
      : fitText(
          'No deal carries a forecast category: one commit row per scope, the weighted expected value.',
          width,
        ),
    renderTable(
      [
        { head: 'Scope', wrap: true },
        { head: 'Category' },
        { head: 'Forecast', align: 'right' },
        { head: 'Won so far', align: 'right' },
      ],
      s.rows.map((r) => [scope(r.scope), r.category, money(r.amount), money(r.won)]),
      width,
    ),
  ]
  const left: string[] = []
  if (s.deals.noAmount > 0) left.push(`${plural(s.deals.noAmount, 'deal')} without an amount`)
  if (s.deals.noProbability > 0)
    left.push(
      `${plural(s.deals.noProbability, 'open deal')} without a probability (its own or its stage's)`,
    )
  if (left.length > 0)
    lines.push(fitText(`Left out (they add nothing): ${left.join('; ')}.`, width))
  const replaced =
    s.replaced > 0 ? ` (replacing the ${plural(s.replaced, 'row')} made on ${s.made_on})` : ''
  lines.push(
    fitText(`Wrote ${plural(s.rows.length, 'forecast row')} in ${s.currency}${replaced}.`, width),
  )
  return lines.join('\n')
}

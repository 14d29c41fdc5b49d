import type { Command } from 'commander'
import { dbOption, examples } from './help.js'
import type { Io } from './io.js'

/** `miernik forecast snapshot`: forecasts frozen from the pipeline, for forecast accuracy. */
export function addForecastCommand(cli: Command, io: Io, setExit: (code: number) => void): void {
  const forecast = cli
    .command('forecast')
    .description('record forecasts from the open pipeline (forecast accuracy and bias judge them)')
    .addHelpText(
      'after',
      examples('miernik forecast snapshot', 'miernik forecast snapshot --period 2026-Q3'),
    )
  forecast
    .command('snapshot')
    .description(
      'freeze the forecast of a period: won so far + open deals expected in it, weighted by probability, for the company, each team and rep',
    )
    .option(
      '--period <period>',
      'the period forecast: 2026-Q3, 2026-07, 2026, FY2026 or FY2026-Q1 (default: the quarter after --made-on)',
    )
    .option(
      '--made-on <date>',
      'the day it is made: deals as they stood then (default today; the same day again replaces it)',
    )
    .option('--format <format>', 'table or json', 'table')
    .addOption(dbOption())
    .addHelpText(
      'after',
      examples(
        'miernik forecast snapshot                    # next quarter, as of today',
        'miernik forecast snapshot --period 2026-Q3 --made-on 2026-06-15',
        'miernik forecast snapshot --period 2026-07 --format json',
      ),
    )
    .action(async (opts) => {
      const { forecastSnapshotCommand } = await import('./commands/forecast.js')
      setExit(await forecastSnapshotCommand(opts, io))
    })
}

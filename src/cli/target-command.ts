import type { Command } from 'commander'
import { dbOption, examples } from './help.js'
import type { Io } from './io.js'

/** `miernik target set|list|remove`: the targets metrics are shown against. */
export function addTargetCommand(cli: Command, io: Io, setExit: (code: number) => void): void {
  const target = cli
    .command('target')
    .description('set, list or remove the targets metrics are shown against (dashboard and CLI)')
    .addHelpText(
      'after',
      examples(
        'miernik target set total_revenue --period 2026-Q3 --value 250000',
        'miernik target set win_rate --period 2026-Q3 --value 30% --scope team:West',
        'miernik target list --period 2026',
      ),
    )
  const scopeHelp = 'company (default), rep:ID (an id of reps) or team:NAME'
  target
    .command('set')
    .description('set the target of a metric for a period, or change it')
    .argument('<metric>', "the metric's id (miernik metrics --list)")
    .requiredOption(
      '--period <period>',
      'the period it is for: 2026, 2026-Q3, 2026-07, FY2026 or FY2026-Q1',
    )
    .requiredOption(
      '--value <value>',
      "in the metric's unit: 250000 (money, no currency sign), 30% or 0.3 (a ratio), 3 (a multiple)",
    )
    .option('--scope <scope>', scopeHelp)
    .addOption(dbOption())
    .addHelpText(
      'after',
      examples(
        'miernik target set total_revenue --period 2026-Q3 --value 250000',
        'miernik target set win_rate --period FY2026 --value 30%',
        'miernik target set win_rate --period 2026-07 --value 35% --scope rep:r-07',
      ),
    )
    .action(async (metric: string, opts) => {
      const { targetSetCommand } = await import('./commands/target.js')
      setExit(await targetSetCommand(metric, opts, io))
    })
  target
    .command('list')
    .description('list the targets set, by metric and period')
    .option('--metric <id>', 'only this metric')
    .option('--period <period>', 'only targets whose period overlaps this one (2026, 2026-Q3...)')
    .option('--scope <scope>', `only this scope: ${scopeHelp.replace(' (default)', '')}`)
    .option('--format <format>', 'table or json', 'table')
    .addOption(dbOption())
    .addHelpText(
      'after',
      examples('miernik target list', 'miernik target list --metric win_rate --period 2026'),
    )
    .action(async (opts) => {
      const { targetListCommand } = await import('./commands/target.js')
      setExit(await targetListCommand(opts, io))
    })
  target
    .command('remove')
    .description('remove a target (exit code 1 when there is none to remove)')
    .argument('<metric>', "the metric's id")
    .requiredOption('--period <period>', 'the period it is for, as it was set')
    .option('--scope <scope>', scopeHelp)
    .addOption(dbOption())
    .addHelpText(
      'after',
      examples(
        'miernik target remove win_rate --period 2026-Q3',
        'miernik target remove total_revenue --period 2026-07 --scope rep:r-07',
      ),
    )
    .action(async (metric: string, opts) => {
      const { targetRemoveCommand } = await import('./commands/target.js')
      setExit(await targetRemoveCommand(metric, opts, io))
    })
}

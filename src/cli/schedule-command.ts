import type { Command } from 'commander'
import { dbOption, examples } from './help.js'
import type { Io } from './io.js'

/** `miernik schedule add|list|remove|run-due`: reviews e-mailed on a cron schedule. */
export function addScheduleCommand(cli: Command, io: Io, setExit: (code: number) => void): void {
  const schedule = cli
    .command('schedule')
    .description('e-mail review packs on a schedule: add, list, remove, run-due')
    .addHelpText(
      'after',
      examples(
        'miernik schedule add review --every "0 7 1 * *" --period last-month --to a@acme.com',
        'miernik schedule list',
        'miernik schedule run-due      # from cron, when no miernik serve runs',
      ),
    )
  schedule
    .command('add')
    .description('add a schedule: which pack, when, in what format, to whom')
    .argument('<kind>', 'review (the one kind there is)')
    .requiredOption(
      '--every <cron>',
      'when: a 5-field cron expression "MIN HOUR DAY MONTH WEEKDAY", e.g. "0 7 1 * *" (07:00 on the 1st)',
    )
    .option('--tz <zone>', 'the time zone of --every and of due dates (IANA name)', 'UTC')
    .option(
      '--period <period>',
      'last-month, last-quarter, last-year, this-month, this-quarter, this-year, or 2026-Q3',
      'last-month',
    )
    .option('--format <format>', 'pdf, html, md or json', 'pdf')
    .option('--lang <lang>', 'en or pl', 'en')
    .option('--scope <scope>', 'team:NAME or rep:ID: the pack of one team or rep')
    .requiredOption('--to <emails>', 'comma-separated recipients')
    .addOption(dbOption())
    .addHelpText(
      'after',
      examples(
        'miernik schedule add review --every "0 7 1 * *" --period last-month --to a@acme.com',
        'miernik schedule add review --every "0 8 2 1,4,7,10 *" --period last-quarter \\',
        '    --format pdf --lang pl --scope team:East --to boss@acme.com,east@acme.com',
        'miernik schedule add review --every "0 9 * * 1" --period this-month \\',
        '    --tz Europe/Warsaw --format html --to team@acme.com',
      ),
    )
    .action(async (kind: string, opts) => {
      const { scheduleAddCommand } = await import('./commands/schedule.js')
      setExit(await scheduleAddCommand(kind, opts, io))
    })
  schedule
    .command('list')
    .description('the schedules: when each runs next, and how its last delivery went')
    .option('--format <format>', 'table or json', 'table')
    .addOption(dbOption())
    .action(async (opts) => {
      const { scheduleListCommand } = await import('./commands/schedule.js')
      setExit(await scheduleListCommand(opts, io))
    })
  schedule
    .command('remove')
    .description('remove a schedule (exit code 1 when there is none with that id)')
    .argument('<id>', 'the id schedule list shows')
    .addOption(dbOption())
    .action(async (id: string, opts) => {
      const { scheduleRemoveCommand } = await import('./commands/schedule.js')
      setExit(await scheduleRemoveCommand(id, opts, io))
    })
  schedule
    .command('run-due')
    .description(
      'deliver what is due now, then exit (for cron; miernik serve does this every minute itself)',
    )
    .addOption(dbOption())
    .addHelpText('after', examples('* * * * * miernik schedule run-due --db /srv/miernik.duckdb'))
    .action(async (opts) => {
      const { scheduleRunDueCommand } = await import('./commands/schedule.js')
      setExit(await scheduleRunDueCommand(opts, io))
    })
}

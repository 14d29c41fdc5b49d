import { Command, CommanderError, Option } from 'commander'
import { isMiernikError, MiernikError, type ErrorCode } from '../errors.js'
import { presetNames } from '../ingest/presets/names.js'
import { entityNames } from '../model/entity-names.js'
import { settingHelp, settingKeys } from '../store/settings.js'
import { writeState } from '../store/transaction.js'
import { dbOption, examples } from './help.js'
import { processIo, type Io } from './io.js'
import { addForecastCommand } from './forecast-command.js'
import { addScheduleCommand } from './schedule-command.js'
import { addTargetCommand } from './target-command.js'
import { addUserCommands } from './user-command.js'
import { fitText } from './wrap-text.js'

/** Exit codes: 1 for rejected data, 2 for anything else the user can fix, 70 for a bug. */
const exitCodes: Partial<Record<ErrorCode, number>> = { IMPORT_REJECTED: 1 }

const presetOption = () =>
  new Option('--preset <crm>', "read a CRM's own export").choices(presetNames)
const decimalOption = () =>
  new Option('--decimal <mark>', 'decimal mark of amounts where a cell cannot tell').choices([
    '.',
    ',',
  ])
const encodingOption = () =>
  new Option('--encoding <name>', 'override encoding detection').choices([
    'utf-8',
    'utf-16le',
    'utf-16be',
    'windows-1250',
    'windows-1252',
  ])

/** --width: the columns a command's output must fit (the bin sends it with forwarded commands). */
function widthOption(text: string): number {
  const n = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 20)
    throw new MiernikError('USAGE', `--width must be a whole number of 20 or more, not '${text}'`)
  return n
}

function program(given: Io, setExit: (code: number) => void): Command {
  // The commands' io: the caller's, with the width --width sets (read once parsed).
  let width: number | undefined
  const io: Io = Object.create(given, { width: { get: () => width ?? given.width } })
  const cli = new Command('miernik')
    .description('B2B sales KPIs from your CRM data')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s.trimEnd()),
      getOutHelpWidth: () => io.width ?? 80,
      getErrHelpWidth: () => io.width ?? 80,
    })
    // Commands listed by name and arguments, so their descriptions wrap beside them.
    .configureHelp({
      subcommandTerm: (c) =>
        [
          c.name(),
          ...c.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)),
        ].join(' '),
    })
    .addOption(new Option('--width <columns>', 'the columns output must fit').hideHelp())
    .hook('preAction', (root) => {
      const w = root.opts<{ width?: string }>().width
      if (w !== undefined) width = widthOption(w)
    })
    .addHelpText(
      'after',
      examples(
        'miernik demo                        # a demo database to try everything on',
        'miernik metrics --period 2026-Q2 --compare previous',
        'miernik serve                       # the dashboard, http://127.0.0.1:8080/',
      ),
    )

  cli
    .command('import')
    .description(
      `load a native file (CSV, JSON, JSON Lines, XLSX) or a CRM export (--preset) into an entity (${entityNames.join(', ')})`,
    )
    .argument('<entity>', 'what the file holds: opportunities, reps, accounts, leads...')
    .argument('<file>', 'the file to read')
    .addOption(dbOption())
    .option('--skip-invalid', 'import the valid rows; write rejected rows to FILE.rejects.csv')
    .option('--dry-run', 'validate only; write nothing')
    .addOption(presetOption())
    .option('--mapping <file>', 'a JSON mapping file for any other source (see README)')
    .option(
      '--date-format <format>',
      'day/month order of dates such as 4/8/2025: MM/DD/YYYY, DD/MM/YYYY...',
    )
    .addOption(decimalOption())
    .addOption(encodingOption())
    .option('--sheet <name>', 'the sheet of an XLSX workbook (default: the first)')
    .option(
      '--exported-at <time>',
      'when the export was taken: the time of stage moves seen since the last import (default now)',
    )
    .addHelpText(
      'after',
      examples(
        'miernik import opportunities deals.csv',
        'miernik import opportunities deals.csv --preset hubspot --dry-run',
        'miernik import reps reps.xlsx --sheet Team --skip-invalid',
      ),
    )
    .action(async (entity: string, file: string, opts) => {
      const { importCommand } = await import('./commands/import.js')
      setExit(await importCommand(entity, file, opts, io))
    })

  cli
    .command('inspect')
    .description(
      'explain how a file would be imported: encoding, delimiter, columns, mapping and sample rows',
    )
    .argument('<file>', 'the file to look at (nothing is written)')
    .option('--entity <entity>', 'the entity it holds', 'opportunities')
    .addOption(presetOption())
    .option('--mapping <file>', 'a JSON mapping file')
    .option('--date-format <format>', 'day/month order of slashed dates')
    .addOption(decimalOption())
    .addOption(encodingOption())
    .option('--sheet <name>', 'the sheet of an XLSX workbook')
    .option('--rows <n>', 'sample rows shown', '5')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      examples(
        'miernik inspect deals.csv',
        'miernik inspect hubspot-deals.csv --preset hubspot',
        'miernik inspect people.csv --entity reps --rows 10',
      ),
    )
    .action(async (file: string, opts) => {
      const { inspectCommand } = await import('./commands/inspect.js')
      setExit(await inspectCommand(file, opts, io))
    })

  cli
    .command('metrics')
    .description('compute metrics for a period')
    .addOption(dbOption())
    .option('--metric <ids>', 'comma-separated metric ids (default: the whole catalogue)')
    .option('--period <period>', '2026, 2026-Q2, 2026-05, FY2026 or FY2026-Q1')
    .option('--from <date>', 'start date YYYY-MM-DD (with --to)')
    .option('--to <date>', 'end date YYYY-MM-DD, inclusive')
    .option(
      '--grain <grain>',
      "month, quarter, year or all (default: the period's own, or all for --from/--to)",
    )
    .option(
      '--by <dims>',
      'group by rep, team, segment, source, product, region or pipeline (comma-separated, up to 2)',
    )
    .option(
      '--filter <dim=values>',
      'keep only these values, e.g. team=Enterprise (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--compare <what>', 'previous or year_ago')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--explain', 'show each formula with its numbers filled in')
    .option('--as-of <date>', 'read the data as of this date (default today)')
    .option(
      '--forecast-made-before <date>',
      'forecast accuracy and bias judge the latest forecast made before this date (default: before each period began)',
    )
    .option('--list', 'print the metric catalogue with definitions')
    .addHelpText(
      'after',
      examples(
        'miernik metrics --period 2026-Q2 --compare previous',
        'miernik metrics --period 2026 --grain quarter --metric win_rate --by team',
        'miernik metrics --period 2026-Q2 --metric total_revenue --format json',
        'miernik metrics --period 2026-Q2 --forecast-made-before 2026-03-01',
      ),
    )
    .action(async (opts) => {
      const { metricsCommand } = await import('./commands/metrics.js')
      setExit(await metricsCommand(opts, io))
    })

  cli
    .command('review')
    .argument('[action]', 'list: the saved reviews; show ID: one as saved; none: a new pack')
    .argument('[id]', 'the saved review to show')
    .description(
      'the review pack of a period: headline, why revenue moved, pipeline, team, customers, forecast',
    )
    .addOption(dbOption())
    .option(
      '--period <period>',
      '2026-Q3, 2026-09 or 2026 (annual); default: the last full quarter',
    )
    .option('--format <format>', 'md, html, pdf or json', 'md')
    .option(
      '--out <file>',
      'write to FILE (html and pdf default to review-PERIOD-LANG.EXT; - for stdout)',
    )
    .option('--lang <lang>', 'en or pl', 'en')
    .option('--by <dim>', 'team: the headline per team as well')
    .option('--scope <scope>', 'team:NAME or rep:ID: the pack of one team or rep')
    .option('--threshold <share>', 'reps under this share of quota are listed for coaching', '0.7')
    .option('--as-of <date>', 'read the data as of this date (default today)')
    .option('--save', 'keep the pack as presented (review list, review show ID)')
    .addHelpText(
      'after',
      examples(
        'miernik review --period 2026-Q3 --format pdf --lang pl',
        'miernik review --period 2026-09 --format md > review.md',
        'miernik review --period 2026 --format html     # the annual strategy pack',
        'miernik review --period 2026-Q3 --scope team:Enterprise --format json',
        'miernik review --period 2026-Q3 --format pdf --save   # then: miernik review list',
        'miernik review show 3 --format md                     # as saved, and what changed since',
      ),
    )
    .action(async (action, id, opts) => {
      // Loaded when used: the review's renderers bring ECharts.
      const { reviewCommand } = await import('./commands/review.js')
      setExit(await reviewCommand(action, id, opts, io))
    })

  cli
    .command('quality')
    .description('report data problems: missing amounts and dates, stale deals, duplicates...')
    .addOption(dbOption())
    .option('--period <period>', 'records dated in 2026, 2026-Q2, 2026-05, FY2026 or FY2026-Q1')
    .option('--from <date>', 'start date YYYY-MM-DD (with --to)')
    .option('--to <date>', 'end date YYYY-MM-DD, inclusive')
    .option('--stale-days <n>', 'an open deal is stale after more than N days in a stage', '30')
    .option(
      '--duplicate-days <n>',
      'deals of one account and name are possible duplicates when created at most N days apart',
      '30',
    )
    .option('--as-of <date>', 'read the data as of this date (default today)')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--limit <n>', 'records shown per check (default 20 in a table, all in json and csv)')
    .addHelpText(
      'after',
      examples(
        'miernik quality',
        'miernik quality --period 2026-Q2 --stale-days 45',
        'miernik quality --format csv > problems.csv',
      ),
    )
    .action(async (opts) => {
      const { qualityCommand } = await import('./commands/quality.js')
      setExit(await qualityCommand(opts, io))
    })

  cli
    .command('demo')
    .description('fill the database with realistic generated data and show the starter metrics')
    .addOption(dbOption())
    .option('--seed <n>', 'random seed', '42')
    .option('--scale <n>', 'volume multiplier (250 gives about 1M opportunities)', '1')
    .option('--as-of <date>', 'last day of the generated data (default today)')
    .option('--replace', 'on PostgreSQL: overwrite a database that already holds data')
    .addHelpText(
      'after',
      examples(
        'miernik demo',
        'miernik demo --db demo.duckdb --seed 7 --as-of 2026-06-30',
        'miernik demo --db postgres://me@localhost/sales --replace',
      ),
    )
    .action(async (opts) => {
      // Loaded on demand: the generator is only needed here.
      const { demoCommand } = await import('./commands/demo.js')
      setExit(await demoCommand(opts, io))
    })

  cli
    .command('serve')
    .description('serve the HTTP API and the dashboard; CLI commands on its DuckDB file go to it')
    .addOption(dbOption())
    .option('--demo', 'fill a new or empty database with demo data first')
    .option('--port <n>', 'port', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--as-of <date>', 'read the data as of this date (default today)')
    .option('--no-auth', 'no sign-in: 127.0.0.1 only, for one person on their own machine')
    .option(
      '--public-origin <url>',
      'the address people open (https://miernik.example.com); needed with --host beyond 127.0.0.1',
    )
    .option('--max-upload-mb <n>', 'the largest file one may import through the dashboard', '200')
    .addHelpText(
      'after',
      examples(
        'miernik serve                  # open http://127.0.0.1:8080/, sign in',
        'miernik serve --demo --no-auth # a demo on this machine, no sign-in',
        'miernik serve --host 0.0.0.0 --public-origin https://kpi.acme.com',
        'miernik serve --db demo.duckdb --demo',
        'miernik serve --db postgres://me@localhost/sales --port 3000',
      ),
    )
    .action(async (opts) => {
      const { serveCommand } = await import('./commands/serve.js')
      setExit(await serveCommand(opts, io))
    })

  cli
    .command('migrate')
    .description(
      "upgrade a database's schema to this miernik's version (PostgreSQL is never upgraded implicitly)",
    )
    .addOption(dbOption())
    .addHelpText('after', examples('miernik migrate --db postgres://me@localhost/sales'))
    .action(async (opts) => {
      const { migrateCommand } = await import('./commands/migrate.js')
      setExit(await migrateCommand(opts, io))
    })

  cli
    .command('copy')
    .description('copy a whole database between engines: a DuckDB file and PostgreSQL, either way')
    .requiredOption('--from <db>', 'the database to read (DuckDB file or postgres:// URL)')
    .requiredOption('--to <db>', 'the database to write (created and set up when new)')
    .option('--replace', 'overwrite the data the target already holds')
    .addHelpText(
      'after',
      examples(
        'miernik copy --from miernik.duckdb --to postgres://me@localhost/sales',
        'miernik copy --from postgres://me@localhost/sales --to backup.duckdb',
      ),
    )
    .action(async (opts) => {
      const { copyCommand } = await import('./commands/copy.js')
      setExit(await copyCommand(opts, io))
    })

  addTargetCommand(cli, io, setExit)
  addForecastCommand(cli, io, setExit)
  addScheduleCommand(cli, io, setExit)
  addUserCommands(cli, io, setExit)

  cli
    .command('config')
    .description(`read or change settings: ${settingKeys.join(', ')}`)
    .argument('<action>', 'list (every setting), get KEY, or set KEY VALUE')
    .argument('[key]', 'the setting to get or set (see Settings below)')
    .argument('[value]', 'the new value, with set')
    .addOption(dbOption())
    .addHelpText(
      'after',
      () =>
        `\nSettings:\n${settingKeys.map((k) => fitText(`  ${k}: ${settingHelp(k)}`, io.width ?? 80, '    ')).join('\n')}\n${examples(
          'miernik config list',
          'miernik config set base_currency EUR',
          'miernik config set fiscal_year_start_month 4',
        )}`,
    )
    .action(
      async (
        action: string,
        key: string | undefined,
        value: string | undefined,
        opts: { db?: string },
      ) => {
        const { configCommand } = await import('./commands/config.js')
        setExit(await configCommand(action, key, value, opts.db, io))
      },
    )
  return cli
}

/** Runs the CLI; returns the exit code. Errors become one line, never a stack trace. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code = 0
  try {
    await program(io, (c) => (code = c)).parseAsync(argv, { from: 'user' })
    return code
  } catch (e) {
    // Stopped by Ctrl-C: the outcome is said by interruptOutcome, not as an error.
    if (writeState.interrupted) return 130
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2
    if (isMiernikError(e)) {
      io.err(`miernik: ${e.message}`)
      return exitCodes[e.code] ?? 2
    }
    io.err(`miernik: internal error: ${(e as Error).message ?? String(e)}`)
    if (process.env.MIERNIK_DEBUG) io.err(String((e as Error).stack))
    else io.err('(set MIERNIK_DEBUG=1 to see the stack trace, and please report it)')
    return 70
  }
}

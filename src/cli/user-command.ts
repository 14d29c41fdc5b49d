import type { Command } from 'commander'
import { dbOption, examples } from './help.js'
import type { Io } from './io.js'

/** `miernik user add|list|remove|passwd|token` and `miernik audit`: who may use the server. */
export function addUserCommands(cli: Command, io: Io, setExit: (code: number) => void): void {
  const user = cli
    .command('user')
    .description('users of miernik serve: add, list, remove, passwords and API tokens')
    .addHelpText(
      'after',
      examples(
        'miernik user add boss@acme.com --admin        # the first admin; prints a password',
        'miernik user add ada@acme.com --role rep       # sees the reps whose e-mail is hers',
        'miernik user token add ada@acme.com --name reports --scope read',
      ),
    )
  // commander calls an action with (arguments..., options, command): the command is dropped.
  const run =
    <T extends unknown[]>(load: () => Promise<(...args: [...T, Io]) => Promise<number>>) =>
    async (...args: unknown[]) =>
      setExit(await (await load())(...(args.slice(0, -1) as T), io))

  user
    .command('add')
    .description('add a user (a generated password is printed once, or --password-stdin)')
    .argument('<email>', 'their e-mail: a rep or manager sees the reps with this e-mail in reps')
    .option('--role <role>', 'admin, manager or rep (default rep)')
    .option('--admin', 'the same as --role admin')
    .option('--name <name>', 'their name, as shown')
    .option('--password-stdin', 'read the password from standard input (12 characters or more)')
    .addOption(dbOption())
    .action(
      run(async () => {
        const m = await import('./commands/user.js')
        return (email: string, opts: object, io: Io) => m.userAddCommand(email, opts, io)
      }),
    )
  user
    .command('list')
    .description('list the users and their roles')
    .option('--format <format>', 'table or json', 'table')
    .addOption(dbOption())
    .action(
      run(async () => {
        const m = await import('./commands/user.js')
        return (opts: object, io: Io) => m.userListCommand(opts, io)
      }),
    )
  user
    .command('remove')
    .description('remove a user, their sessions and API tokens (exit 1 when there is none)')
    .argument('<email>')
    .addOption(dbOption())
    .action(
      run(async () => {
        const m = await import('./commands/user.js')
        return (email: string, opts: object, io: Io) => m.userRemoveCommand(email, opts, io)
      }),
    )
  user
    .command('passwd')
    .description(
      "set a user's password (generated and printed once, or --password-stdin); ends their sessions",
    )
    .argument('<email>')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(dbOption())
    .action(
      run(async () => {
        const m = await import('./commands/user.js')
        return (email: string, opts: object, io: Io) => m.userPasswdCommand(email, opts, io)
      }),
    )
  const token = user
    .command('token')
    .description('API tokens for scripts: Authorization: Bearer <token>')
  token
    .command('add')
    .description('create an API token for a user (printed once; stored hashed)')
    .argument('<email>')
    .requiredOption('--name <name>', 'what it is for, e.g. weekly-report')
    .option(
      '--scope <scope>',
      'read (GET and metric queries) or write (settings, targets too)',
      'read',
    )
    .addOption(dbOption())
    .action(
      run(async () => {
        const m = await import('./commands/user.js')
        return (email: string, opts: { name: string }, io: Io) => m.tokenAddCommand(email, opts, io)
      }),
    )
  token
    .command('list')
    .description("list API tokens (a user's, or all)")
    .argument('[email]')
    .option('--format <format>', 'table or json', 'table')
    .addOption(dbOption())
    .action(
      run(async () => {
        const m = await import('./commands/user.js')
        return (email: string | undefined, opts: object, io: Io) =>
          m.tokenListCommand(email, opts, io)
      }),
    )
  token
    .command('revoke')
    .description('revoke an API token by its id (exit 1 when there is none)')
    .argument('<id>')
    .addOption(dbOption())
    .action(
      run(async () => {
        const m = await import('./commands/user.js')
        return (id: string, opts: object, io: Io) => m.tokenRevokeCommand(id, opts, io)
      }),
    )

  cli
    .command('audit')
    .description('the audit log: sign-ins, user and token changes, settings, targets, imports')
    .option('--limit <n>', 'the latest n entries', '100')
    .option('--action <action>', 'only this action (sign_in, user_add, token_revoke...)')
    .option('--format <format>', 'table or json', 'table')
    .addOption(dbOption())
    .addHelpText('after', examples('miernik audit --action sign_in --limit 20'))
    .action(
      run(async () => {
        const m = await import('./commands/user.js')
        return (opts: object, io: Io) => m.auditCommand(opts, io)
      }),
    )
}

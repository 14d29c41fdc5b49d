/**
 * `miernik user` and `miernik audit` as a user runs them: the first admin with a generated
 * password shown once, a rep, tokens shown once and revoked, removal, and the audit log
 * of all of it (imports and target changes from the CLI too).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { signIn } from '../../src/auth/sign-in.js'
import { tokenUser } from '../../src/auth/tokens.js'
import { openStore } from '../../src/store/open-store.js'
import { spawnSync } from 'node:child_process'
import { runCli as run } from '../cli-run.js'

describe('miernik user', () => {
  it('adds the first admin and a rep, lists, tokens, passwd, removes; all in the audit log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'miernik-user-'))
    const db = join(dir, 'team.duckdb')
    const added = await run([
      'user',
      'add',
      'Boss@Acme.com',
      '--admin',
      '--name',
      'Boss',
      '--db',
      db,
    ])
    expect(added.code).toBe(0)
    const password = /Password \(shown once[^:]*\): (\S+)/.exec(added.out)?.[1] ?? ''
    expect(password.length).toBeGreaterThanOrEqual(20)
    expect((await run(['user', 'add', 'ada@acme.com', '--role', 'rep', '--db', db])).code).toBe(0)
    expect((await run(['user', 'add', 'ada@acme.com', '--db', db])).code).toBe(2)
    expect((await run(['user', 'add', 'x@acme.com', '--role', 'boss', '--db', db])).code).toBe(2)

    const list = await run(['user', 'list', '--format', 'json', '--db', db])
    expect(JSON.parse(list.out)).toEqual([
      { email: 'ada@acme.com', name: null, role: 'rep' },
      { email: 'boss@acme.com', name: 'Boss', role: 'admin' },
    ])

    const token = await run(['user', 'token', 'add', 'ada@acme.com', '--name', 'sheet', '--db', db])
    const secret = /^(mk_\S+)$/m.exec(token.out)?.[1] ?? ''
    const id = /API token (\w+)/.exec(token.out)?.[1] ?? ''
    expect(secret).toMatch(/^mk_/)

    let store = await openStore(db)
    expect((await signIn(store, 'boss@acme.com', password, new Date())).ok).toBe(true)
    expect(await tokenUser(store, secret, new Date())).toMatchObject({ scope: 'read' })
    await store.close()

    expect((await run(['user', 'token', 'revoke', id, '--db', db])).code).toBe(0)
    expect((await run(['user', 'token', 'revoke', id, '--db', db])).code).toBe(1)
    const passwd = await run(['user', 'passwd', 'boss@acme.com', '--db', db])
    const second = /Password \(shown once\): (\S+)/.exec(passwd.out)?.[1] ?? ''
    expect(second).not.toBe(password)
    expect((await run(['user', 'remove', 'ada@acme.com', '--db', db])).code).toBe(0)
    expect((await run(['user', 'remove', 'ada@acme.com', '--db', db])).code).toBe(1)

    store = await openStore(db)
    expect(await tokenUser(store, secret, new Date())).toBeNull()
    expect((await signIn(store, 'boss@acme.com', password, new Date())).ok).toBe(false)
    expect((await signIn(store, 'boss@acme.com', second, new Date())).ok).toBe(true)
    await store.close()

    // Changes from the CLI are in the audit log, with who (the OS user) and what.
    const file = join(dir, 'won.csv')
    writeFileSync(file, 'id,status,amount,created_on,closed_on\nd1,won,100,2026-04-01,2026-04-02\n')
    expect((await run(['import', 'opportunities', file, '--db', db])).code).toBe(0)
    const log = await run(['audit', '--format', 'json', '--db', db])
    const actions = (JSON.parse(log.out) as { action: string; ok: boolean }[]).map(
      (r) => `${r.action}:${r.ok}`,
    )
    expect(actions).toEqual(
      expect.arrayContaining([
        'user_add:true',
        'token_add:true',
        'token_revoke:true',
        'token_revoke:false',
        'user_passwd:true',
        'user_remove:true',
        'user_remove:false',
        'import:true',
      ]),
    )
    expect(log.out).not.toContain(password)
    expect(log.out).not.toContain(secret)
  })

  it('--password-stdin: a long one is taken, a short one refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'miernik-user-'))
    const db = join(dir, 'team.duckdb')
    const cli = (argv: string[], input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...argv], {
        input,
        encoding: 'utf8',
      })
    const short = cli(['user', 'add', 'a@acme.com', '--password-stdin', '--db', db], 'short\n')
    expect(short.status).toBe(2)
    expect(short.stderr).toContain('at least 12 characters')
    const ok = cli(
      ['user', 'add', 'a@acme.com', '--password-stdin', '--db', db],
      'a long passphrase\n',
    )
    expect(ok.status).toBe(0)
    expect(ok.stdout).not.toContain('Password')
  })
})

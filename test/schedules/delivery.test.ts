/**
 * Scheduled reviews end to end on a DuckDB file, e-mailed to a real SMTP server: one mail
 * per recipient with the PDF, once; the review saved; a server refusing or down is recorded,
 * logged, retried after the backoff and delivered once it is back; a wrong password is
 * never repeated; the server's scheduler delivers through its queue.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readAudit } from '../../src/auth/audit.js'
import { deliveriesOf } from '../../src/schedules/deliveries.js'
import { startScheduler } from '../../src/server/scheduler.js'
import { WorkQueue } from '../../src/server/work-queue.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { runCli } from '../cli-run.js'
import { importDir } from '../helpers.js'
import { reviewFixture } from '../review/review-fixture.js'
import { startSmtp, type TestSmtp } from './smtp-test-server.js'

const password = 'pa55-Correct-horse'
const made = new Date('2026-06-30T12:00:00Z')
const due = new Date('2026-07-01T07:00:00Z')
const at = (minutes: number) => new Date(due.getTime() + 30_000 + minutes * 60_000)

let smtp: TestSmtp
let db: string
const cli = (now: Date, ...argv: string[]) => runCli([...argv, '--db', db], undefined, now)

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db)
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

/** A port nothing listens on: an SMTP server that is down. */
async function deadPort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

beforeAll(async () => {
  smtp = await startSmtp('miernik', password)
})
afterAll(async () => {
  await smtp.close()
  delete process.env.MIERNIK_SMTP_PASSWORD
})

beforeEach(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'miernik-sched-')), 'sched.duckdb')
  const store = await openStore(db, { create: true })
  await importDir(store, reviewFixture())
  await store.close()
  for (const [k, v] of Object.entries({
    smtp_host: '127.0.0.1',
    smtp_port: String(smtp.port),
    smtp_security: 'none',
    smtp_user: 'miernik',
    smtp_from: 'miernik@acme.com',
  }))
    expect((await cli(made, 'config', 'set', k, v)).code).toBe(0)
  process.env.MIERNIK_SMTP_PASSWORD = password
  smtp.received.length = 0
  smtp.refusing = false
})
afterEach(() => {
  smtp.refusing = false
})

const addQuarterly = (format = 'pdf') =>
  cli(
    made,
    'schedule',
    'add',
    'review',
    '--every',
    '0 7 1 * *',
    '--period',
    'last-quarter',
    '--format',
    format,
    '--to',
    'boss@acme.com,east@acme.com',
  )

describe('scheduled reviews by e-mail', { timeout: 120_000 }, () => {
  it('a due schedule mails the PDF once to each recipient, and saves the review', async () => {
    const added = await addQuarterly()
    expect(added.code, added.err).toBe(0)
    expect(added.out).toContain('schedule 1: last-quarter review (pdf, en)')
    expect(added.out).toContain('next 2026-07-01 07:00 UTC')

    expect((await cli(at(-60), 'schedule', 'run-due')).err).toContain('nothing due')
    const run = await cli(at(0), 'schedule', 'run-due')
    expect(run.code, run.err).toBe(0)
    expect(run.err).toContain('Quarterly review 2026-Q2 sent to boss@acme.com, east@acme.com')

    expect(smtp.received).toHaveLength(1)
    const [{ to, mail }] = smtp.received as [(typeof smtp.received)[0]]
    expect(to.sort()).toEqual(['boss@acme.com', 'east@acme.com'])
    expect(mail.subject).toBe('Quarterly review 2026-Q2')
    expect(mail.from?.text).toBe('miernik@acme.com')
    expect(mail.text).toContain('Revenue rose 50.0% to $60,000')
    expect(mail.attachments).toHaveLength(1)
    const pdf = mail.attachments[0]!
    expect(pdf.filename).toBe('review-2026-Q2-en.pdf')
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-')
    const file = join(mkdtempSync(join(tmpdir(), 'miernik-mail-')), 'a.pdf')
    writeFileSync(file, pdf.content)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(text).toContain('Quarterly review 2026-Q2')

    // Again, and a minute later: nothing more.
    expect((await cli(at(0), 'schedule', 'run-due')).err).toContain('nothing due')
    expect((await cli(at(1), 'schedule', 'run-due')).code).toBe(0)
    expect(smtp.received).toHaveLength(1)

    const list = await cli(at(1), 'review', 'list')
    expect(list.out).toContain('by schedule:1')
    expect(list.out.match(/schedule:1/g)).toHaveLength(1)
    const schedules = await cli(at(1), 'schedule', 'list')
    expect(schedules.out).toContain('2026-07-01 07:00 UTC: sent')
    expect(schedules.out).toContain('2026-08-01 07:00 UTC')
    await withStore(async (store) => {
      const [entry] = await readAudit(store, { action: 'schedule_delivery' })
      expect(entry).toMatchObject({ actor: 'schedule:1', ok: true })
      expect((await readAudit(store, { action: 'schedule_add' }))[0]?.target).toBe('schedule:1')
    })
  })

  it('a server refusing: recorded, logged, retried after the backoff, delivered once back', async () => {
    await addQuarterly('md')
    smtp.refusing = true
    const failed = await cli(at(0), 'schedule', 'run-due')
    expect(failed.code).toBe(1)
    expect(failed.err).toMatch(
      /schedule 1: delivery of 2026-07-01T07:00:00.000Z failed \(attempt 1: .*try again later/,
    )
    expect(failed.err).toContain('retried after 2026-07-01T07:05:30.000Z')
    expect((await cli(at(1), 'schedule', 'list')).out).toMatch(
      /retry 2 after\s+2026-07-01 07:05 UTC: .*try again later/s,
    )

    smtp.refusing = false
    expect((await cli(at(2), 'schedule', 'run-due')).err).toContain('nothing due')
    expect(smtp.received).toHaveLength(0)
    const retried = await cli(at(5), 'schedule', 'run-due')
    expect(retried.code, retried.err).toBe(0)
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]?.mail.attachments[0]?.filename).toBe('review-2026-Q2-en.md')
    expect((await cli(at(90), 'schedule', 'run-due')).err).toContain('nothing due')
    expect(smtp.received).toHaveLength(1)

    await withStore(async (store) => {
      expect(await deliveriesOf(store, 1)).toEqual([
        expect.objectContaining({ status: 'sent', attempts: 2, reviewId: 1 }),
      ])
      const audits = await readAudit(store, { action: 'schedule_delivery' })
      expect(audits.map((a) => a.ok)).toEqual([true, false])
    })
    // One saved review for the slot, however many attempts it took.
    expect((await cli(at(90), 'review', 'list')).out.match(/schedule:1/g)).toHaveLength(1)
  })

  it('a server down through every retry: failed, and shown as failed', async () => {
    await addQuarterly('md')
    expect((await cli(made, 'config', 'set', 'smtp_port', String(await deadPort()))).code).toBe(0)
    for (const minutes of [0, 5, 20, 80]) {
      const r = await cli(at(minutes), 'schedule', 'run-due')
      expect(r.code).toBe(1)
      expect(r.err).toMatch(/ECONNREFUSED/)
    }
    expect((await cli(at(500), 'schedule', 'run-due')).err).toContain('nothing due')
    const list = await cli(at(500), 'schedule', 'list', '--format', 'json')
    const [row] = JSON.parse(list.out) as [{ last: { status: string; attempts: number } }]
    expect(row.last).toMatchObject({ status: 'failed', attempts: 4 })
    expect((await cli(at(500), 'schedule', 'list')).out).toContain('FAILED after 4 attempts')
  })

  it('a wrong password is refused and repeated nowhere', async () => {
    await addQuarterly('md')
    const wrong = 'Wr0ng-s3cret-Pw'
    process.env.MIERNIK_SMTP_PASSWORD = wrong
    const run = await cli(at(0), 'schedule', 'run-due')
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/Invalid username or password|Invalid login/)
    expect(smtp.passwords).toContain(wrong) // it was sent to the server, and only there
    const list = await cli(at(1), 'schedule', 'list', '--format', 'json')
    const b64 = Buffer.from(wrong).toString('base64')
    const seen = await withStore(async (store) => {
      const rows = await store.query(
        `SELECT CAST(error AS VARCHAR) AS t FROM schedule_deliveries
         UNION ALL SELECT detail FROM audit_log UNION ALL SELECT "value" FROM settings`,
      )
      return rows.map((r) => String(r.t))
    })
    for (const text of [run.out, run.err, list.out, ...seen]) {
      expect(text).not.toContain(wrong)
      expect(text).not.toContain(b64)
    }
  })

  it('after downtime, only the latest missed slot is delivered', async () => {
    await addQuarterly('md')
    // Nothing ran from June to mid-October: the slots of Jul 1, Aug 1, Sep 1 and Oct 1 passed.
    const late = new Date('2026-10-15T12:00:00Z')
    const run = await cli(late, 'schedule', 'run-due')
    expect(run.code, run.err).toBe(0)
    expect(smtp.received.map((r) => r.mail.subject)).toEqual(['Quarterly review 2026-Q3'])
    expect(smtp.received[0]?.mail.text).toContain('data as of 2026-10-01')
    await withStore(async (store) => {
      const rows = await deliveriesOf(store, 1)
      expect(rows.map((r) => [r.dueAt.toISOString(), r.status])).toEqual([
        ['2026-10-01T07:00:00.000Z', 'sent'],
      ])
    })
  })

  it("the server's scheduler delivers through its queue, once", async () => {
    await addQuarterly('md')
    const store = await openStore(db)
    const logs: string[] = []
    const scheduler = startScheduler({
      store,
      queue: new WorkQueue(),
      now: () => at(0),
      log: (m) => logs.push(m),
      smtpPassword: password,
      intervalMs: 3_600_000,
    })
    try {
      await Promise.all([scheduler.tick(), scheduler.tick()])
      await scheduler.tick()
    } finally {
      await scheduler.stop()
      await store.close()
    }
    expect(smtp.received).toHaveLength(1)
    expect(logs).toEqual([
      'schedule 1: Quarterly review 2026-Q2 sent to boss@acme.com, east@acme.com',
    ])
  })
})

describe('schedule add, list, remove', () => {
  it('refuses what it cannot run, and says why', async () => {
    const add = (...argv: string[]) =>
      cli(made, 'schedule', 'add', 'review', '--to', 'a@acme.com', ...argv)
    const cases: [string[], RegExp][] = [
      [['--every', '0 7 1 * * *'], /5 cron fields/],
      [['--every', '0 25 1 * *'], /not a cron expression/],
      [['--every', '0 7 1 * *', '--tz', 'Europe/Nowhere'], /unknown time zone/],
      [['--every', '0 7 1 * *', '--period', 'next-month'], /--period 'next-month' is neither/],
      [['--every', '0 7 1 * *', '--format', 'docx'], /unknown --format 'docx'/],
      [['--every', '0 7 1 * *', '--lang', 'de'], /unknown --lang 'de'/],
      [['--every', '0 7 1 * *', '--scope', 'east'], /--scope is team:NAME or rep:ID/],
      [
        ['--every', '0 7 1 * *', '--to', 'a@acme.com,not-an-address'],
        /not an e-mail address: 'not-an-address'/,
      ],
    ]
    for (const [argv, message] of cases) {
      const r = await add(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.err).toMatch(message)
    }
    expect(
      (await cli(made, 'schedule', 'add', 'report', '--every', '0 7 1 * *', '--to', 'a@acme.com'))
        .err,
    ).toMatch(/only review/)
    expect((await cli(made, 'schedule', 'list')).out).toContain('no schedules')
    const bad = await cli(made, 'config', 'set', 'smtp_security', 'ssl')
    expect(bad.err).toMatch(/smtp_security: expected tls, starttls, none/)
    expect((await cli(made, 'config', 'set', 'smtp_from', 'nobody')).err).toMatch(
      /expected an e-mail address/,
    )
  })

  it('lists with the next run in its zone, removes by id', async () => {
    const r = await cli(
      made,
      'schedule',
      'add',
      'review',
      '--every',
      '30 8 * * 1',
      '--tz',
      'Europe/Warsaw',
      '--period',
      'this-month',
      '--lang',
      'pl',
      '--scope',
      'team:East',
      '--format',
      'html',
      '--to',
      'a@acme.com',
    )
    expect(r.code, r.err).toBe(0)
    const list = await cli(made, 'schedule', 'list')
    expect(list.out).toContain('30 8 * * 1 Europe/Warsaw')
    expect(list.out).toContain('this-month html pl team:East')
    expect(list.out).toContain('2026-07-06 08:30 Europe/Warsaw')
    expect(list.out).toContain('none yet')
    expect((await cli(made, 'schedule', 'remove', 'x')).err).toMatch(/whole number/)
    expect((await cli(made, 'schedule', 'remove', '2')).code).toBe(1)
    expect((await cli(made, 'schedule', 'remove', '1')).out).toContain('schedule 1 removed')
    expect((await cli(made, 'schedule', 'list')).out).toContain('no schedules')
    await withStore(async (store) => {
      const removals = await readAudit(store, { action: 'schedule_remove' })
      expect(removals.map((a) => [a.target, a.ok]).sort()).toEqual([
        ['schedule:1', true],
        ['schedule:2', false],
      ])
    })
  })
})

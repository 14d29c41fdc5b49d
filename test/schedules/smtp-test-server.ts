/**
 * A real SMTP server for the tests (smtp-server), on loopback, plain text, asking for a
 * user name and password; every message it accepts is parsed (mailparser) and kept.
 * `refusing` makes it answer MAIL FROM with a temporary failure, like a server in trouble.
 */
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface Received {
  to: string[]
  mail: ParsedMail
}

export interface TestSmtp {
  port: number
  received: Received[]
  refusing: boolean
  /** Every AUTH attempt's password, to check what a client sent. */
  passwords: string[]
  close(): Promise<void>
}

export async function startSmtp(user: string, password: string): Promise<TestSmtp> {
  const state = { received: [] as Received[], refusing: false, passwords: [] as string[] }
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, done) {
      state.passwords.push(auth.password ?? '')
      if (auth.username === user && auth.password === password) done(null, { user })
      else done(new Error('Invalid username or password'))
    },
    onMailFrom(_address, _session, done) {
      if (!state.refusing) return done()
      const e = new Error('try again later') as Error & { responseCode: number }
      e.responseCode = 421
      done(e)
    },
    onData(stream, session, done) {
      simpleParser(stream)
        .then((mail) => {
          state.received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail })
          done()
        })
        .catch(done)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return Object.assign(state, {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  })
}

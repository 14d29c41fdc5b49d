import { createTransport } from 'nodemailer'
import { MiernikError } from '../errors.js'
import type { Settings } from '../store/settings.js'

/** A message with one attachment, to every recipient at once. */
export interface MailMessage {
  to: string[]
  subject: string
  text: string
  attachment: { fileName: string; mime: string; body: Buffer }
}

/** Sends a message; resolves with the addresses the server refused (the others got it). */
export type SendMail = (message: MailMessage) => Promise<{ rejected: string[] }>

const defaultPorts = { tls: 465, starttls: 587, none: 25 } as const

/**
 * A sender through the SMTP server of the settings, signing in as smtp_user with `password`
 * (MIERNIK_SMTP_PASSWORD, read by the caller at the edge). The password is never stored,
 * and is cut out of any error text before that is recorded or logged.
 */
export function smtpMailer(settings: Settings, password: string | undefined): SendMail {
  const { smtp_host: host, smtp_from: from, smtp_user: user, smtp_security: security } = settings
  return async (message) => {
    if (!host || !from)
      throw new MiernikError(
        'USAGE',
        'e-mail is not set up: miernik config set smtp_host HOST, and smtp_from ADDRESS',
      )
    if (user && !password)
      throw new MiernikError(
        'USAGE',
        `smtp_user is ${user} but MIERNIK_SMTP_PASSWORD is not set in this process's environment`,
      )
    const transport = createTransport({
      host,
      port: settings.smtp_port ?? defaultPorts[security],
      secure: security === 'tls',
      requireTLS: security === 'starttls',
      ignoreTLS: security === 'none',
      ...(user ? { auth: { user, pass: password } } : {}),
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      logger: false,
      debug: false,
    })
    try {
      const info = await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: [
          {
            filename: message.attachment.fileName,
            content: message.attachment.body,
            contentType: message.attachment.mime,
          },
        ],
      })
      const rejected = info.rejected as (string | { address: string })[]
      return { rejected: rejected.map((r) => (typeof r === 'string' ? r : r.address)) }
    } catch (e) {
      throw new Error(withoutSecret((e as Error).message, password))
    } finally {
      transport.close()
    }
  }
}

/** Error text with the password (and its base64, as AUTH sends it) blotted out. */
export function withoutSecret(text: string, secret: string | undefined): string {
  if (!secret) return text
  const forms = [secret, Buffer.from(secret).toString('base64')]
  return forms.reduce((t, f) => t.split(f).join('***'), text)
}

import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { z } from 'zod'
import type { Io } from '../../cli/io.js'
import { isIsoDate } from '../../metrics/periods.js'
import { HttpError } from '../http-errors.js'
import type { WorkQueue } from '../work-queue.js'
import { jsonBody } from './read-query.js'

const bodySchema = z
  .object({
    argv: z.array(z.string().max(4096)).max(200),
    today: z.string().refine(isIsoDate, 'a date YYYY-MM-DD'),
  })
  .strict()

/** One line of the answer: output as it is written, then the exit code. */
export type CliLine = { out: string } | { err: string } | { code: number }

const sameSecret = (given: string | undefined, secret: string) => {
  const a = Buffer.from(given ?? '')
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * POST /api/cli: runs a CLI command for `miernik` on the same machine, whose database this
 * server holds (DuckDB lets one process open a file). Only a caller that read the secret
 * from the server file beside the database — its owner — gets in. Commands run one at a
 * time, so two imports never race; output is streamed as JSON lines while it is written.
 * Not in the OpenAPI document: it is the CLI's door, not part of the API.
 */
export function cliRoutes(secret: string, queue: WorkQueue): Hono {
  return new Hono().post('/', async (c) => {
    if (!sameSecret(c.req.header('x-miernik-secret'), secret))
      throw new HttpError(403, 'FORBIDDEN', 'this endpoint is for the miernik CLI on this machine')
    const parsed = bodySchema.safeParse(await jsonBody(c))
    if (!parsed.success)
      throw new HttpError(400, 'INVALID_QUERY', 'expected a body {"argv": [...], "today": date}')
    const { argv, today } = parsed.data
    return stream(c, async (out) => {
      const send = (line: CliLine) => out.write(`${JSON.stringify(line)}\n`)
      const io: Io = {
        out: (text) => void send({ out: text }),
        err: (text) => void send({ err: text }),
        isTty: false,
        today: () => today,
      }
      // Loaded here: the CLI's modules import the server's (serve), not the other way.
      const { main } = await import('../../cli/program.js')
      await send({ code: await queue.run(() => main(argv, io)) })
    })
  })
}

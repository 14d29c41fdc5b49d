import { createWriteStream, mkdirSync, rmSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { randomBytes } from 'node:crypto'
import { makeTempDir, removeTempDir } from '../temp-dirs.js'
import { HttpError } from './http-errors.js'

/** The largest upload unless the server is told otherwise (serve --max-upload-mb). */
export const defaultMaxUpload = 200 * 1024 * 1024

/** A file uploaded for import, kept until it is imported, discarded or expires. */
export interface Upload {
  id: string
  /** The file's name as the user's machine had it (shown in every message). */
  name: string
  /** Where it is kept: a folder of its own in this server's temporary folder. */
  path: string
  bytes: number
  /** Who uploaded it: nobody else may see, preview or import it. */
  owner: string
  createdAt: number
  /** The rejects file of its last import, when there were rejects. */
  rejects: string | null
}

/** Endings the readers know; any other name is kept as .csv (the readers sniff CSV anyway). */
const endings = new Set(['.csv', '.tsv', '.txt', '.json', '.jsonl', '.ndjson', '.xlsx', '.xls'])

/**
 * Uploaded files, each in its own folder inside one private temporary folder (removed when
 * the server stops). An upload is its uploader's alone (another user is told it does not
 * exist), lives an hour and is written to disk as it arrives, never held in memory whole.
 */
export class Uploads {
  private readonly byId = new Map<string, Upload>()
  private dir: string | null = null

  constructor(
    readonly maxBytes: number,
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs = 60 * 60 * 1000,
    private readonly maxKept = 50,
  ) {}

  async add(
    owner: string,
    name: string,
    body: WebReadableStream<Uint8Array> | null,
    signal?: AbortSignal,
  ): Promise<Upload> {
    this.sweep()
    if (this.byId.size >= this.maxKept) {
      throw new HttpError(
        503,
        'BUSY',
        'too many uploads are waiting: import or discard some first',
        {
          'retry-after': '60',
        },
      )
    }
    if (!body) throw new HttpError(400, 'INVALID_FILE', 'the upload has no file in its body')
    const id = randomBytes(16).toString('base64url')
    const folder = join((this.dir ??= makeTempDir()), id)
    mkdirSync(folder, { mode: 0o700 })
    const ending = extname(name).toLowerCase()
    const path = join(folder, `upload${endings.has(ending) ? ending : '.csv'}`)
    let bytes = 0
    const max = this.maxBytes
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length
        if (bytes > max)
          done(new HttpError(413, 'BODY_TOO_LARGE', `the file is over ${megabytes(max)}`))
        else done(null, chunk)
      },
    })
    try {
      await pipeline(Readable.fromWeb(body), count, createWriteStream(path, { mode: 0o600 }), {
        ...(signal ? { signal } : {}),
      })
    } catch (e) {
      removeFolder(folder)
      throw e
    }
    if (bytes === 0) {
      removeFolder(folder)
      throw new HttpError(400, 'INVALID_FILE', `${name}: the file is empty`)
    }
    const upload: Upload = { id, name, path, bytes, owner, createdAt: this.now(), rejects: null }
    this.byId.set(id, upload)
    return upload
  }

  /** The upload, if it is this owner's and still kept; else a 404 (whoever's it is). */
  get(id: string, owner: string): Upload {
    this.sweep()
    const upload = this.byId.get(id)
    if (!upload || upload.owner !== owner) {
      throw new HttpError(404, 'NOT_FOUND', 'no such upload: it was imported, discarded or expired')
    }
    return upload
  }

  remove(upload: Upload): void {
    this.byId.delete(upload.id)
    removeFolder(dirname(upload.path))
  }

  /** Uploads older than their lifetime are dropped with their files. */
  private sweep(): void {
    const oldest = this.now() - this.lifetimeMs
    for (const u of this.byId.values()) if (u.createdAt < oldest) this.remove(u)
  }

  /** Everything removed (the server is stopping). */
  close(): void {
    this.byId.clear()
    if (this.dir) removeTempDir(this.dir)
    this.dir = null
  }
}

export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

const removeFolder = (folder: string) => rmSync(folder, { recursive: true, force: true })

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * Where a running `miernik serve` says it holds a DuckDB file: beside it, readable by the
 * file's owner only, with the server's address and a secret. A CLI command on the same file
 * finds it there and sends its work to the server (DuckDB lets one process write a file).
 */
export interface ServerFile {
  pid: number
  url: string
  secret: string
}

export const serverFilePath = (db: string) => `${resolve(db)}.server.json`

export function writeServerFile(db: string, info: ServerFile): void {
  const path = serverFilePath(db)
  writeFileSync(path, JSON.stringify(info), { mode: 0o600 })
  // Gone with the server, however it stops (but killed: a stale file is then ignored).
  process.on('exit', () => removeServerFile(db, info.pid))
}

export function removeServerFile(db: string, pid = process.pid): void {
  const found = readServerFile(db)
  if (found?.pid === pid) rmSync(serverFilePath(db), { force: true })
}

/** The server holding `db`, if one says so and its process is alive. */
export function readServerFile(db: string): ServerFile | null {
  const path = serverFilePath(db)
  if (!existsSync(path)) return null
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as ServerFile
    process.kill(info.pid, 0)
    return info
  } catch {
    return null
  }
}

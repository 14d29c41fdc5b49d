import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Temporary folders of this program: miernik-tmp-<pid>-<random> in the system's temp folder. */
const prefix = 'miernik-tmp-'
const mine = new Set<string>()
let hooked = false

/**
 * A temporary folder removed when the process exits (however it exits but killed), and by
 * the next run that makes one when it was killed (see clearStaleTempDirs).
 */
export function makeTempDir(): string {
  // The first of a process clears what killed runs left: a run that makes none (most
  // commands, --help) does not read the system's temp folder.
  if (!hooked) clearStaleTempDirs()
  const dir = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`))
  mine.add(dir)
  if (!hooked) {
    hooked = true
    process.on('exit', () => {
      for (const d of mine) rmSync(d, { recursive: true, force: true })
    })
  }
  return dir
}

/** Removes a temporary folder now (safe to call twice). */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
  mine.delete(dir)
}

/**
 * Folders left by runs that were killed: their process is gone and they are older than a
 * minute. Called before a process's first temporary folder.
 */
export function clearStaleTempDirs(now = Date.now()): string[] {
  const cleared: string[] = []
  let names: string[]
  try {
    names = readdirSync(tmpdir())
  } catch {
    return cleared
  }
  for (const name of names) {
    const pid = Number(name.slice(prefix.length).split('-')[0])
    if (!name.startsWith(prefix) || !Number.isInteger(pid) || pid === process.pid) continue
    const dir = join(tmpdir(), name)
    try {
      if (alive(pid) || now - statSync(dir).mtimeMs < 60_000) continue
      rmSync(dir, { recursive: true, force: true })
      cleared.push(dir)
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return cleared
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

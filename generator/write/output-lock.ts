import {randomBytes} from 'node:crypto'
import {link, mkdir, readFile, rename, rm, rmdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {InputError} from '../input-error.js'

/** An exclusive lock on an output folder, held by this process. */
export interface OutputLock {
  /** The lock file, `.<name>.lock` beside the output folder. */
  file: string
  /** Throw (as `lockOutput` does) unless this process still holds the lock; call it right before changing the tree. */
  assertHeld(): Promise<void>
  /** Give the lock up (only if still ours), and remove the folders `lockOutput` created if they are still empty. */
  release(): Promise<void>
}

// An empty lock file is one another process has just created and not yet written: wait this long for its pid.
const EMPTY_LOCK_PATIENCE_MS = 2000

/**
 * Lock the output folder `out` against other runs, so two `generate`s never swap the same tree at once.
 * The lock is a file beside `out` created exclusively (`wx`) and holding `<pid> <nonce>`. A lock whose
 * process is gone (killed, crashed) is taken over; a live one is an error.
 *
 * @param out the output folder (its parent is created when missing).
 * @returns the held lock.
 * @throws InputError `another generate is running on <out> (pid N)` when a live process holds it.
 */
export async function lockOutput(out: string): Promise<OutputLock> {
  const target = path.resolve(out)
  const parent = path.dirname(target)
  const file = path.join(parent, `.${path.basename(target)}.lock`)
  const created = await mkdir(parent, {recursive: true})
  const token = `${process.pid} ${randomBytes(8).toString('hex')}\n`
  const busy = (content: string) =>
    new InputError(`another generate is running on ${out} (pid ${pidOf(content) ?? 'unknown'}); if not, remove ${file}`)
  const lock: OutputLock = {
    file,
    async assertHeld() {
      const content = await readLock(file)
      if (content !== token) throw busy(content ?? '')
    },
    async release() {
      if ((await readLock(file)) === token) await rm(file, {force: true})
      if (created) await removeEmptyFolders(parent, created)
    },
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await writeFile(file, token, {flag: 'wx'})
      return lock
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const content = await readWrittenLock(file)
    if (content === null) continue
    const pid = pidOf(content)
    if (pid !== null && isAlive(pid)) throw busy(content)
    await takeOver(file, content)
  }
  throw new InputError(`could not lock ${out}: ${file} keeps changing`)
}

/**
 * Whether the process `pid` exists (signal 0 tests for it; EPERM means it exists under another user).
 *
 * @param pid a process id.
 * @returns true when it is running.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Remove a stale lock. It is first renamed aside (atomic), then checked to be the stale lock that was
 * read: when another process took the lock over in between, its lock is put back, and it notices in
 * `assertHeld` if a third one got in meanwhile.
 */
async function takeOver(file: string, stale: string): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    await rename(file, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  if ((await readLock(aside)) !== stale) await link(aside, file).catch(() => undefined)
  await rm(aside, {force: true})
}

/** The lock's content once its writer has written it; '' when it stays empty (its writer died); null when gone. */
async function readWrittenLock(file: string): Promise<string | null> {
  const started = Date.now()
  for (;;) {
    const content = await readLock(file)
    if (content !== '' || Date.now() - started > EMPTY_LOCK_PATIENCE_MS) return content
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function readLock(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

function pidOf(content: string): number | null {
  const match = /^(\d+) /.exec(content)
  const pid = match ? Number(match[1]) : 0
  // 0 and negative pids signal process groups: never a holder.
  return pid > 0 && Number.isSafeInteger(pid) ? pid : null
}

/** Remove `folder` and its parents up to `top` (the first folder `mkdir` created) while they are empty. */
async function removeEmptyFolders(folder: string, top: string): Promise<void> {
  for (let current = folder; current.startsWith(top); current = path.dirname(current)) {
    try {
      await rmdir(current)
    } catch {
      return
    }
  }
}

/**
 * Vitest global setup: the run gets a temporary folder of its own (`TMPDIR`, which `os.tmpdir()` reads, for the
 * test workers and every child they start), and the run fails when a test left anything in it: each test removes
 * what it made. Other runs on the machine (other worktrees) have their own, so they cannot fail this check.
 */
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

/** Starts the run's temporary folder; returns the teardown that checks and removes it. */
export default function setup(): () => void {
  const runFolder = mkdtempSync(path.join(tmpdir(), 'simplex-events-test-run-'))
  const previous = process.env.TMPDIR
  process.env.TMPDIR = runFolder
  return () => {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    // Only ours: npm and tsx keep caches and logs of their own in TMPDIR.
    const left = readdirSync(runFolder).filter((name) => /^(simplex-events-|readme-)/.test(name))
    rmSync(runFolder, {recursive: true, force: true})
    if (left.length === 0) return
    // Vitest reports an error thrown here but still exits 0: set the exit code too.
    process.exitCode = 1
    throw new Error(`tests left ${left.length} temporary folder(s) behind: ${left.sort().join(', ')}`)
  }
}

/**
 * vitest globalSetup: makes the run folder and starts the pinned build in it (a child process, so suites
 * that do not need it start at once); vitest.config.ts resolves the suites' `generated/src/...` imports to that
 * build once it is there (`waitForPinnedBuild`). Removes the folder when the run ends. Listed by both projects:
 * the first setup does the work, the last teardown removes it.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdirSync, rmSync} from 'node:fs'
import path from 'node:path'
import {runFolderOfThisRun} from './run-folder.js'

interface RunState {
  users: number
  child: ChildProcess | null
  exited: Promise<void>
}

const state = ((globalThis as {__simplexEventsRun?: RunState}).__simplexEventsRun ??= {
  users: 0,
  child: null,
  exited: Promise.resolve(),
})

export default function setup(): () => Promise<void> {
  const folder = runFolderOfThisRun()
  if (state.users++ === 0) {
    mkdirSync(folder, {recursive: true})
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'pinned-build-child.ts')],
      // Its errors go to the run's stderr; the suites that need the build then fail naming the folder.
      {cwd: path.resolve(import.meta.dirname, '..', '..'), stdio: ['ignore', 'ignore', 'inherit']},
    )
    state.child = child
    state.exited = new Promise((resolve) => child.on('exit', () => resolve()))
  }
  return async () => {
    if (--state.users > 0) return
    // A run that never needed the build (only suites of the e2e project) does not wait for it.
    if (state.child && state.child.exitCode === null && state.child.signalCode === null) state.child.kill()
    await state.exited
    rmSync(folder, {recursive: true, force: true})
  }
}

/** Wait until the pinned build is in the run folder (made by the child above, or by a suite that got there first). */
export async function waitForPinnedBuild(buildFolder: string): Promise<void> {
  while (!existsSync(buildFolder)) {
    if (state.child && state.child.exitCode !== null && !existsSync(`${buildFolder}.lock`) && !existsSync(buildFolder))
      throw new Error(`the pinned build did not appear in ${buildFolder} (its child exited ${state.child.exitCode})`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

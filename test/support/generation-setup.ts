/**
 * vitest globalSetup: makes the run folder and, before any suite imports it, the pinned build that the suites'
 * `generated/src/...` imports resolve to (vitest.config.ts); removes the folder when the run ends. Listed by
 * both projects: the first setup does the work, the last teardown removes it.
 */
import {mkdirSync, rmSync} from 'node:fs'
import {runFolderOfThisRun} from './run-folder.js'
import {PINNED_SOURCE, sharedBuild} from './shared-builds.js'

const state = ((globalThis as {__simplexEventsRun?: {users: number; ready: Promise<unknown>}}).__simplexEventsRun ??= {
  users: 0,
  ready: Promise.resolve(),
})

export default async function setup(): Promise<() => void> {
  const folder = runFolderOfThisRun()
  if (state.users++ === 0) {
    mkdirSync(folder, {recursive: true})
    state.ready = sharedBuild(PINNED_SOURCE)
  }
  await state.ready
  return () => {
    if (--state.users === 0) rmSync(folder, {recursive: true, force: true})
  }
}

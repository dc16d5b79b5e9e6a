/**
 * Where one test run keeps what its suites share (`shared-builds.ts`): a folder under the system's temporary
 * folder, made by `generation-setup.ts` and removed at teardown. Kept free of generator imports, so that
 * vitest.config.ts can read it without loading the generator.
 */
import os from 'node:os'
import path from 'node:path'

/** The environment variable naming the run folder: set by vitest.config.ts, inherited by workers and children. */
export const RUN_FOLDER_VARIABLE = 'SIMPLEX_EVENTS_TEST_RUN'

/** The build that the suites' `generated/src` imports resolve to: the pinned spec as `generate` reads it. */
export const PINNED_BUILD = 'pinned'

/** This run's folder: the one the environment names (a vitest started by a test run), else a new name. */
export function runFolderOfThisRun(): string {
  process.env[RUN_FOLDER_VARIABLE] ??= path.join(os.tmpdir(), `simplex-events-test-run-${process.pid}-${Date.now()}`)
  return process.env[RUN_FOLDER_VARIABLE]
}

/** The run folder, or an error saying how to get one (the suites run under vitest.config.ts). */
export function runFolder(): string {
  const folder = process.env[RUN_FOLDER_VARIABLE]
  if (!folder) throw new Error(`${RUN_FOLDER_VARIABLE} is not set: run the tests through vitest.config.ts`)
  return folder
}

/** The folder of the pinned build (shared-builds.ts): there once the build is complete. */
export const pinnedBuildFolder = (runFolder: string) => path.join(runFolder, 'builds', PINNED_BUILD)

/**
 * The `src/` folder of the pinned build, which `generated/src/...` imports resolve to in the suites. Outside an
 * import of it, await `pinnedTree()` (shared-builds.ts) first: the build may still be in the making.
 */
export const pinnedSource = (runFolder: string) => path.join(pinnedBuildFolder(runFolder), 'tree', 'src')

import os from 'node:os'
import path from 'node:path'
import {defineConfig, type Plugin} from 'vitest/config'
import {waitForPinnedBuild} from './test/support/generation-setup.js'
import {pinnedBuildFolder, pinnedSource, runFolderOfThisRun} from './test/support/run-folder.js'

/**
 * Three projects. `unit`: in-process suites on small inputs (mini specs, fixtures, the run's pinned build);
 * `npm run test:unit`. `integration`: in-process too, but over the real docs at full size: every doc version
 * parsed, built or type-checked, the pinned docs edited and re-parsed case by case, the whole generated package
 * type-checked, or thousands of drawn values through the real builds. `npm test` runs both. `e2e`: the CLI as a
 * child process, written trees, the packed, built and installed package; `npm run test:e2e`, which `.ci/run` runs
 * after `npm test`.
 */
const INTEGRATION = [
  'test/compat-superset.test.ts',
  'test/sections.test.ts',
  'test/properties.test.ts',
  'test/malformed.test.ts',
  'test/diff.test.ts',
  'test/diagnostics-rules.test.ts',
  'test/command-string-types.test.ts',
  'test/drift.test.ts',
  'test/commands-document.test.ts',
  'test/parse.test.ts',
  'test/parse-command.test.ts',
  'test/editor-docs.test.ts',
  // Moved from unit (test budget, issue 18): each builds, parses or type-checks the real docs at full size.
  // decode and compat-build: libraries built from the 088a33e docs and from the newest docs alone.
  'test/decode.test.ts',
  'test/compat-build.test.ts',
  // diff-formats: three doc versions parsed, and `diff` run on two; round-trip: every field, enum value and
  // COMMANDS.md line of the real docs rendered back.
  'test/diff-formats.test.ts',
  'test/round-trip.test.ts',
  // names: every module of the pinned package type-checked for the globals it refers to.
  'test/names.test.ts',
  // compat-merge-real: the four doc versions merged (split from compat-merge.test.ts, whose hand-made
  // schemas stay in unit).
  'test/compat-merge-real.test.ts',
  // decode-first-error: a property run (every field of the real frames and of 60 drawn events broken seven
  // ways, each first error compared with the slow checks').
  'test/decode-first-error.test.ts',
  // formatted-print: every module of every doc version printed and compared with prettier.
  'test/emit/formatted-print.test.ts',
]

const END_TO_END = [
  'test/generate.test.ts',
  'test/package.test.ts',
  'test/installable.test.ts',
  'test/echo-bot.test.ts',
  'test/concurrent-generate.test.ts',
  'test/generate-url.test.ts',
  'test/output-ownership.test.ts',
  'test/check-links.test.ts',
  'test/cli-paper-cuts.test.ts',
  'test/hostile-docs.test.ts',
  'test/bench-smoke.test.ts',
  'test/upstream-workflow.test.ts',
  'test/resource-limits.test.ts',
  'test/readme-examples.test.ts',
  'test/color-env.test.ts',
]

/** Run once per test run, before any suite (test/support/): the run folder and the pinned build in it. */
const GLOBAL_SETUP = ['test/support/generation-setup.ts']

/**
 * The suites import the library as `../generated/src/...`: resolved to the build this run made from the
 * generator as it is, not to the committed tree (which `npm run check` holds up to date). The first such
 * import waits for the build that the global setup started.
 */
const GENERATED_SRC = /^(?:\.\.\/)+generated\/src\/(.*)$/
const runBuild: Plugin = {
  name: 'simplex-events-run-build',
  enforce: 'pre',
  async resolveId(source, importer) {
    const module = GENERATED_SRC.exec(source)?.[1]
    if (module === undefined) return null
    await waitForPinnedBuild(pinnedBuildFolder(runFolderOfThisRun()))
    return this.resolve(path.join(pinnedSource(runFolderOfThisRun()), module), importer, {skipSelf: true})
  },
}

/** Each test file removes the folders `temporaryFolder` made (test/support/temp-folders.ts). */
const setupFiles = ['test/support/temp-folders-cleanup.ts']

export default defineConfig({
  test: {
    // A temporary folder of the run's own; the run fails when a test leaves a folder in it.
    globalSetup: ['test/support/temp-folders-setup.ts'],
    // vitest's default in run mode is one worker fewer than the cores: on a 2-core machine the files ran one
    // at a time. Many suites spend their time waiting for child processes (CLI runs, npm, tsc).
    maxWorkers: os.availableParallelism(),
    projects: [
      {
        plugins: [runBuild],
        test: {
          name: 'unit',
          globalSetup: GLOBAL_SETUP,
          // One module graph per worker: the generator, TypeScript and prettier are loaded once, not once per
          // file (a third of the unit suites' time). Each file still runs its own top level and hooks.
          isolate: false,
          setupFiles,
          // examples/: the bot tests that show how a bot is tested with the test kit.
          include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
          exclude: [...INTEGRATION, ...END_TO_END],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [runBuild],
        test: {
          name: 'integration',
          globalSetup: GLOBAL_SETUP,
          isolate: false,
          setupFiles,
          include: INTEGRATION,
          testTimeout: 60_000,
          // Several suites build schemas of every doc version in beforeAll: slow on a shared 2-core machine.
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [runBuild],
        test: {
          name: 'e2e',
          globalSetup: GLOBAL_SETUP,
          setupFiles,
          include: END_TO_END,
          // Several suites parse the full docs or build the generated package: slow on a shared 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
})

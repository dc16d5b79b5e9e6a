import {defineConfig} from 'vitest/config'

/**
 * End-to-end suites: they run the CLI as a child process, write trees, pack, install or build the generated
 * package. Everything else is a unit suite (in-process, small inputs). `npm test` runs both projects;
 * `npm run test:unit` only the quick one.
 */
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
]

/** Each test file removes the folders `temporaryFolder` made (test/support/temp-folders.ts). */
const setupFiles = ['test/support/temp-folders-cleanup.ts']

export default defineConfig({
  test: {
    // A temporary folder of the run's own; the run fails when a test leaves a folder in it.
    globalSetup: ['test/support/temp-folders-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          setupFiles,
          include: ['test/**/*.test.ts'],
          exclude: END_TO_END,
          testTimeout: 60_000,
          // Several suites build schemas of every doc version in beforeAll: slow on a shared 2-core machine.
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
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

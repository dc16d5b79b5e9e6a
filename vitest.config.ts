import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Several suites parse the full docs or build the generated package: slow on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
})

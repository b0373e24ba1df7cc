import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // e2e tests spawn the built CLI; two workers suit the 2-core machines this runs on
    maxWorkers: 2,
  },
})

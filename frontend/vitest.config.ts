import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'console/src/**/*.test.ts'], environment: 'node', testTimeout: 30000 },
})

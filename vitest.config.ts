import { defineConfig } from 'vitest/config';
import { TEST_TIMEOUT_MS } from './src-main/services/testing/waiting.ts';

export default defineConfig({
  test: {
    include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    // One generous timeout for every test and hook: it ends a test that hangs, it never judges a slow machine (tests
    // wait for events; see e2e/README.md, "Tests that don't race the clock").
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: TEST_TIMEOUT_MS,
    pool: 'forks',
  },
});

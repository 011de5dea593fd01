import { defineConfig } from 'vitest/config';

// Server tests each open their own database (PGlite in memory, or a fresh PostgreSQL database
// when TEST_DATABASE_URL is set), so files run in parallel safely.
export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config'

/**
 * One project per engine in MIERNIK_TEST_ENGINES (default: duckdb, which needs no server).
 * DuckDB runs every test; PGlite and PostgreSQL run the tests of what the engines share:
 * metrics, imports, data quality, forecast snapshots, the worked examples and the engine
 * tests themselves.
 */
const engines = (process.env.MIERNIK_TEST_ENGINES ?? 'duckdb')
  .split(',')
  .map((e) => e.trim())
  .filter(Boolean)
const shared = [
  'test/metrics/**/*.test.ts',
  'test/ingest/**/*.test.ts',
  'test/quality/**/*.test.ts',
  'test/engines/**/*.test.ts',
  'test/access/**/*.test.ts',
  'test/review/**/*.test.ts',
  'test/server/auth.test.ts',
  'test/server/scoped-api.test.ts',
  'test/server/imports.test.ts',
  'test/server/review-api.test.ts',
  'test/cli/worked-examples.test.ts',
  'test/cli/crm.test.ts',
  'test/cli/target.test.ts',
  'test/cli/forecast.test.ts',
  'test/forecast/**/*.test.ts',
  'test/schedules/deliveries.test.ts',
]

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/clear-artifacts.ts'],
    projects: engines.map((engine) => ({
      extends: true,
      test: {
        name: engine,
        include: engine === 'duckdb' ? ['test/**/*.test.ts'] : shared,
        env: { MIERNIK_TEST_ENGINE: engine },
      },
    })),
  },
})

import { defineConfig } from 'vitest/config';

/**
 * The focused tests Stryker runs against each mutant (npm run test:mutation): unit tests of the pure
 * rules, no database, so that a run stays within minutes. Rules that live in resolvers and SQL are
 * covered by the gateway tests of the whole suite (see docs/mutation-testing.md).
 */
export default defineConfig({
  test: {
    include: [
      'packages/calendar/test/**/*.test.ts',
      'packages/auth/test/**/*.test.ts',
      'packages/subgraph-kit/test/authorization.test.ts',
      'services/feedback/test/domain.test.ts',
      'services/education/test/domain.test.ts',
      'services/planning/test/domain.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'silent' },
  },
});

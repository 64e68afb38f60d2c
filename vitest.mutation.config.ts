import { defineConfig } from 'vitest/config';

/**
 * The focused tests Stryker runs against each mutant (npm run test:mutation): unit tests of the pure
 * rules, and for rules that live in resolvers and SQL a focused test that calls the resolvers on a
 * real PostgreSQL database (no gateway), so that a run stays within minutes. The gateway tests of
 * the whole suite cover them too, but are too slow to run per mutant (see docs/mutation-testing.md).
 */
export default defineConfig({
  test: {
    include: [
      'packages/calendar/test/**/*.test.ts',
      'packages/auth/test/**/*.test.ts',
      'packages/subgraph-kit/test/authorization.test.ts',
      'packages/subgraph-kit/test/mutation-guards.test.ts',
      'services/feedback/test/domain.test.ts',
      'services/feedback/test/mutation-guards.test.ts',
      'services/education/test/domain.test.ts',
      'services/education/test/mutation-guards.test.ts',
      'services/planning/test/domain.test.ts',
      'services/planning/test/mutation-guards.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'silent' },
  },
});

// @ts-check
/**
 * Mutation testing of the rules where a small slip is a legal or security failure (issue 16):
 * `npm run test:mutation`. Reports in reports/mutation/ (HTML and JSON); scores in
 * docs/mutation-testing.md. Incremental: only mutants of changed code or tests run again.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'packages/calendar/src/{days,deadlines,holidays}.ts',
    'packages/auth/src/{expiring-cache,identity,identity-header,jwt,secrets}.ts',
    'packages/subgraph-kit/src/{authorization,policy}.ts',
    'services/feedback/src/{domain,intake,lifecycle}.ts',
    'services/education/src/{domain,registrations,workshops}.ts',
    'services/planning/src/domain/*.ts',
    'services/planning/src/resolvers/budget.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

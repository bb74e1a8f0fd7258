// Mutation testing (CA6) of the critical logic: what decides whether a deploy is healthy, which
// environment a run deploys and which version a rollback restores, what input the app accepts, and
// the migration gate. Scoped so a run finishes in a few minutes on 2 cores.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  mutate: [
    "src/health/**/*.ts",
    "src/notes/note-input.ts",
    "scripts/migration-lint/**/*.ts",
    "scripts/deploy/health/**/*.ts",
    "scripts/deploy/route.ts",
    "scripts/deploy/rollback-target.ts",
    "scripts/deploy/commit-order.ts",
    "scripts/deploy/cloudflare/wrangler-failure.ts",
    "!**/*.test.ts",
    "!**/fixtures/**",
    "!**/cli.ts",
    "!**/bench.ts",
    "!**/quiet-sqlite-warning.ts",
    "!**/corpus/**",
    // The replay (≈1,600 mutants, ~4 min on 2 cores) would double the run and push CI past its
    // budget; it is judged instead by the real-world corpus test (precision/recall per rule) and
    // the per-rule fixtures, which fail on any change to what it reports.
    "!scripts/migration-lint/replay/**",
    "!**/test-support.ts",
    // Runs the real wrangler for the local D1 integration tests: test harness, not gate logic.
    "!scripts/migration-lint/local-wrangler.ts",
    // The corpus test's scorer (precision/recall over the judged corpus): test harness, not gate logic.
    "!scripts/migration-lint/corpus-score.ts",
  ],
  coverageAnalysis: "perTest",
  // Static mutants (module-level constants) re-run every test; they cost most of the time for little signal.
  ignoreStatic: true,
  disableTypeChecks: "{src,scripts}/**/*.{ts,tsx}",
  concurrency: 2,
  // A mutant's limit is its covering tests' own time × 1.5 plus this. ~45 mutants loop forever
  // (regex and tokenizer loops); each held a worker for the whole allowance, so 10 s cost ~4 min of
  // a 12-minute run. The tests' own time is already in the limit; 3 s only absorbs scheduling noise.
  timeoutMS: 3000,
  thresholds: { high: 95, low: 90, break: 85 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  ignorePatterns: [
    ".stryker-tmp*",
    ".stryker",
    ".next",
    ".open-next",
    ".wrangler",
    ".rehearsal",
    ".tools",
    ".tmp",
    "coverage",
    "reports",
    "playwright-report",
    "test-results",
    "packages/*/dist",
  ],
};

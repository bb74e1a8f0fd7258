/**
 * Which part of the serving commit's E2E suite the check runs. Declared here, in the checkout
 * that runs the check, because the old commit cannot know about it: specs that start their own
 * worker (instead of using E2E_BASE_URL) test a build on a database of their own making, not the
 * serving build on the new schema. A spec can also opt out with @no-compat in its title.
 */
export const compatSuite = {
  testIgnore: ["**/serve-worker.spec.ts"],
  grepInvert: "@no-compat",
  /**
   * Ceilings on the suite's own timeouts (ms): a broken page mostly waits out a timeout (a form post
   * answered 500 never reaches the URL the test waits for), and the verdict needs the first failure,
   * not every wait. The test ceiling leaves a healthy test room on a busy runner: at 10 s a form
   * test on two loaded cores ran out mid-reload, before its post reached the worker, and the
   * verdict lost the worker's reason. A suite whose tests need longer can tag them @no-compat or
   * raise these.
   */
  maxTestTimeoutMs: 30_000,
  maxExpectTimeoutMs: 5_000,
} as const;

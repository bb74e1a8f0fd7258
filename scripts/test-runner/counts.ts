/** Turns each runner's own report into one shape so `npm test` can total every suite. */
import { z } from "zod";

export interface Counts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

const vitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number().default(0),
  numTodoTests: z.number().default(0),
});

const playwrightReport = z.object({
  stats: z.object({
    expected: z.number(),
    unexpected: z.number(),
    flaky: z.number().default(0),
    skipped: z.number().default(0),
  }),
});

export function countsFromVitest(json: unknown): Counts {
  const r = vitestReport.parse(json);
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  };
}

/** A flaky test passed on retry; it counts as passed but the runner still prints it. */
export function countsFromPlaywright(json: unknown): Counts {
  const { stats } = playwrightReport.parse(json);
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected,
    skipped: stats.skipped,
  };
}

export function countsFromExitCode(code: number): Counts {
  return code === 0
    ? { passed: 1, failed: 0, skipped: 0 }
    : { passed: 0, failed: 1, skipped: 0 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
  };
}

/** The closing line CI reads: `N passed, N failed` (with skipped only when there are any). */
export function closingLine(c: Counts): string {
  return (
    `${c.passed} passed, ${c.failed} failed` +
    (c.skipped > 0 ? `, ${c.skipped} skipped` : "")
  );
}

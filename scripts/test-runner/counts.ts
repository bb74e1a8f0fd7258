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

const CLOSING = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;

/** A suite's own totals: the last line of its output when it follows the closing-line convention. */
export function countsFromClosingLine(output: string): Counts | undefined {
  const last = output
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;]*m/g, "")
    .trimEnd()
    .split("\n")
    .at(-1)
    ?.trim();
  const match = CLOSING.exec(last ?? "");
  if (!match) return undefined;
  return {
    passed: Number(match[1]),
    failed: Number(match[2]),
    skipped: Number(match[3] ?? 0),
  };
}

const ciLocalReport = z.object({
  jobs: z.array(
    z.object({
      id: z.string(),
      result: z.string(),
      reason: z.string().optional(),
      steps: z.array(
        z.object({
          result: z.string(),
          action: z.string().optional(),
          log: z.string().optional(),
        }),
      ),
    }),
  ),
});

/**
 * Totals of a `ci:local --json` run: every `run:` step that ran is one check, unless its log ends
 * with its own "N passed, N failed" (a test suite: those counts). A failed step never counts as
 * zero failures, and a job that failed without a failed step (a shim, `needs`) is one failure.
 */
export function countsFromCiLocal(
  json: unknown,
  readLog: (file: string) => string | undefined,
): Counts {
  let total: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const job of ciLocalReport.parse(json).jobs) {
    let jobFailures = 0;
    for (const step of job.steps) {
      if (step.result !== "success" && step.result !== "failure") continue;
      const failed = step.result === "failure";
      if (failed) jobFailures += 1;
      if (step.action !== undefined) {
        if (failed) total = addCounts(total, countsFromExitCode(1));
        continue;
      }
      const own = step.log
        ? countsFromClosingLine(readLog(step.log) ?? "")
        : undefined;
      const counts =
        own === undefined
          ? countsFromExitCode(failed ? 1 : 0)
          : failed && own.failed === 0
            ? { ...own, failed: 1 }
            : own;
      total = addCounts(total, counts);
    }
    if (job.result === "failure" && jobFailures === 0)
      total = addCounts(total, countsFromExitCode(1));
  }
  return total;
}

import { readFileSync } from "node:fs";
import {
  countsFromCiLocal,
  countsFromExitCode,
  countsFromPlaywright,
  countsFromVitest,
  type Counts,
} from "./counts.ts";
import type { Stage } from "./stages.ts";

export interface StageOutcome {
  readonly counts: Counts;
  /** Why the stage counts as failed beyond its own report, if it does. */
  readonly problem?: string;
}

function readLog(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Reconciles a runner's exit code with its report: a crash with a clean report, or a green run that
 * executed nothing, is a failure — otherwise a broken suite would read as passing.
 */
export function stageOutcome(
  stage: Stage,
  exitCode: number,
  report: unknown,
): StageOutcome {
  if (stage.counts === "exit-code") {
    const counts = countsFromExitCode(exitCode);
    return exitCode === 0
      ? { counts }
      : { counts, problem: `npm run ${stage.script} exited ${exitCode}` };
  }
  if (report === undefined) {
    return {
      counts: { passed: 0, failed: 1, skipped: 0 },
      problem: `npm run ${stage.script} wrote no report at ${stage.report ?? "(none)"} (exit ${exitCode})`,
    };
  }
  const counts =
    stage.counts === "vitest-json"
      ? countsFromVitest(report)
      : stage.counts === "ci-local-json"
        ? countsFromCiLocal(report, readLog)
        : countsFromPlaywright(report);
  if (exitCode !== 0 && counts.failed === 0) {
    return {
      counts: { ...counts, failed: 1 },
      problem: `npm run ${stage.script} exited ${exitCode} although its report lists no failed test`,
    };
  }
  if (exitCode === 0 && counts.passed + counts.failed === 0) {
    return {
      counts: { ...counts, failed: 1 },
      problem: `npm run ${stage.script} ran no test`,
    };
  }
  return exitCode === 0
    ? { counts }
    : { counts, problem: `${counts.failed} test(s) failed` };
}

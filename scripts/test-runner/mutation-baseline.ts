/**
 * Stryker's incremental file: which mutant each test killed, with the source and test files it saw.
 * A copy is committed (`.stryker/baseline.json`) so a clean clone — every `.ci/run` — re-runs only
 * the mutants in files that changed since it was recorded, instead of all ~2,700 (≈ 12 min here).
 * Stryker compares file contents, not commits, so a stale baseline costs time, never correctness.
 */
export const WORKING_FILE = "reports/stryker-incremental.json";
export const BASELINE_FILE = ".stryker/baseline.json";

export type IncrementalStart =
  | { readonly kind: "working"; readonly note: string }
  | { readonly kind: "seed"; readonly note: string }
  | { readonly kind: "full"; readonly note: string };

/** What an incremental run starts from: this machine's last run, the committed baseline, or nothing. */
export function incrementalStart(has: {
  readonly working: boolean;
  readonly baseline: boolean;
}): IncrementalStart {
  if (has.working)
    return {
      kind: "working",
      note: `mutation: incremental against ${WORKING_FILE} (this checkout's last run)`,
    };
  if (has.baseline)
    return {
      kind: "seed",
      note: `mutation: incremental against the committed ${BASELINE_FILE}`,
    };
  return {
    kind: "full",
    note: `mutation: no ${WORKING_FILE} and no ${BASELINE_FILE}: every mutant runs (record one with npm run test:mutation:record and commit ${BASELINE_FILE})`,
  };
}

/**
 * Stryker's incremental file: which mutant each test killed, with the source and test files it saw.
 * A copy is committed (`.stryker/baseline.json`) so a clean clone — every `.ci/run` — re-runs only
 * the mutants in files that changed since it was recorded, instead of all ~2,700 (≈ 12 min here).
 * Stryker compares file contents, not commits, so a stale baseline costs time, never correctness.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

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

/**
 * The tree the baseline was recorded on, as one hash: every tracked file's blob id (`git ls-files
 * -s`) but .stryker/'s own. Equal fingerprints mean Stryker's incremental diff (the mutated files'
 * and test files' contents, its config, the lockfile) has nothing to find: its run would only
 * repeat the ~30 s dry run and report the baseline's result.
 */
export const FINGERPRINT_FILE = ".stryker/baseline.fingerprint";

export function treeFingerprint(lsFilesStage: string): string {
  const entries = lsFilesStage
    .split("\n")
    .filter((line) => line.trim() !== "")
    .filter((line) => !(line.split("\t")[1] ?? "").startsWith(".stryker/"))
    .sort();
  return createHash("sha256").update(entries.join("\n")).digest("hex");
}

const reportSchema = z.looseObject({
  thresholds: z.looseObject({ break: z.number().nullish() }).optional(),
  files: z.record(
    z.string(),
    z.looseObject({
      mutants: z.array(z.looseObject({ status: z.string() })),
    }),
  ),
});

/**
 * Stryker's mutation score of a report — detected (killed, timed out) over valid (those and
 * survived, no coverage) — and its break threshold.
 */
export function reportScore(report: unknown): {
  readonly score: number;
  readonly breakAt: number | undefined;
} {
  const parsed = reportSchema.parse(report);
  const count = (status: string) =>
    Object.values(parsed.files)
      .flatMap((file) => file.mutants)
      .filter((mutant) => mutant.status === status).length;
  const detected = count("Killed") + count("Timeout");
  const valid = detected + count("Survived") + count("NoCoverage");
  return {
    score: valid === 0 ? 100 : (detected / valid) * 100,
    breakAt: parsed.thresholds?.break ?? undefined,
  };
}

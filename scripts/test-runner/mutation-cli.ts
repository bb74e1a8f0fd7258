/**
 * npm run test:mutation:incremental | test:mutation:record — Stryker through its incremental file.
 * incremental: start from this checkout's last run, else the committed baseline (a clean clone),
 * else every mutant. record: every mutant (--force), then the result becomes the committed baseline.
 * refresh: incremental, then its result becomes the committed baseline — a complete result for this
 * code (Stryker reuses a mutant only when its file and its tests are unchanged), at the cost of the
 * changed files only, so the next clean clone re-runs nothing that has not changed since.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineCli } from "../cli/define-cli";
import {
  BASELINE_FILE,
  FINGERPRINT_FILE,
  incrementalStart,
  reportScore,
  treeFingerprint,
  WORKING_FILE,
} from "./mutation-baseline";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const STRYKER = path.join(ROOT, "node_modules/.bin/stryker");
const at = (file: string): string => path.join(ROOT, file);

const cli = defineCli({
  usage:
    "tsx scripts/test-runner/mutation-cli.ts --mode incremental|refresh|record",
  description: `incremental: Stryker re-runs only mutants whose file or tests changed since ${WORKING_FILE}
(seeded from the committed ${BASELINE_FILE} when missing). refresh: the same, then ${WORKING_FILE} is
copied to ${BASELINE_FILE}. record: every mutant, then the same copy. Commit ${BASELINE_FILE} after
refresh or record. Exit: Stryker's.`,
  options: {
    mode: {
      type: "string",
      value: "incremental|refresh|record",
      default: "incremental",
      description: "which run",
    },
  },
});

const { values } = cli.parseOrExit();
const MODES = ["incremental", "refresh", "record"] as const;
const mode = MODES.find((m) => m === values.mode);
if (mode === undefined) {
  console.error(`--mode ${values.mode}: choose ${MODES.join(", ")}`);
  process.exit(2);
}
mkdirSync(path.dirname(at(WORKING_FILE)), { recursive: true });
if (mode !== "record") {
  const start = incrementalStart({
    working: existsSync(at(WORKING_FILE)),
    baseline: existsSync(at(BASELINE_FILE)),
  });
  console.log(start.note);
  if (start.kind === "seed") {
    copyFileSync(at(BASELINE_FILE), at(WORKING_FILE));
    if (mode === "incremental" && unchangedSinceBaseline()) {
      const { score, breakAt } = reportScore(
        JSON.parse(readFileSync(at(BASELINE_FILE), "utf8")),
      );
      const passed = breakAt === undefined || score >= breakAt;
      console.log(
        `mutation: this clean checkout is the tree ${BASELINE_FILE} was recorded on (${FINGERPRINT_FILE}): Stryker's diff would find no changed file or test, so its result stands without a run — mutation score ${score.toFixed(2)} (break threshold ${breakAt ?? "none"})`,
      );
      process.exit(passed ? 0 : 1);
    }
  }
}
const args = [
  "run",
  "--incremental",
  ...(mode === "record" ? ["--force"] : []),
];
const run = spawnSync(STRYKER, args, { cwd: ROOT, stdio: "inherit" });
const status = run.status ?? 1;
if (mode !== "incremental" && status === 0) {
  mkdirSync(path.dirname(at(BASELINE_FILE)), { recursive: true });
  copyFileSync(at(WORKING_FILE), at(BASELINE_FILE));
  // Only a clean tree is the tree the baseline describes.
  const fingerprint = cleanTree() ? currentFingerprint() : "";
  writeFileSync(at(FINGERPRINT_FILE), `${fingerprint}\n`);
  console.log(
    `mutation: ${BASELINE_FILE} and ${FINGERPRINT_FILE} recorded — commit them${fingerprint ? "" : " (uncommitted changes: no fingerprint, so clean clones run Stryker)"}`,
  );
}
process.exit(status);

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" });
}

/** No change to any tracked or untracked file outside .stryker/ (gitignored files aside). */
function cleanTree(): boolean {
  return git("status", "--porcelain")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .every((line) => line.slice(3).startsWith(".stryker/"));
}

function currentFingerprint(): string {
  return treeFingerprint(git("ls-files", "-s"));
}

function unchangedSinceBaseline(): boolean {
  if (!existsSync(at(FINGERPRINT_FILE))) return false;
  const recorded = readFileSync(at(FINGERPRINT_FILE), "utf8").trim();
  return recorded !== "" && cleanTree() && recorded === currentFingerprint();
}

/**
 * One pre-commit run, for this repository's hook (pre-commit.ts) and an adopter's
 * (`typed-cicd hooks:pre-commit`, adopter-pre-commit.ts): plan the checks from the staged paths,
 * judge an export of the index when an unstaged change could sway them, run them at once with
 * their output captured, and print only what failed, with its fix.
 *
 * Run by Node's own type stripping in this repository's hook: imports carry their .ts extension and
 * the syntax stays erasable.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  needsSnapshot,
  nulList,
  parseNameStatus,
  planPreCommit,
  type HookLayout,
  type PreCommitPlan,
} from "./pre-commit-plan.ts";
import type { CheckRun } from "./run-check.ts";

export interface Check {
  readonly name: string;
  readonly fix: string;
  readonly run: (root: string) => Promise<CheckRun>;
}

export const SKIP_HINT =
  "skip once with git commit --no-verify (or SKIP_SIMPLE_GIT_HOOKS=1); CI still checks";

export function git(args: readonly string[], cwd: string): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" });
}

/** The index as files, so the checks see exactly what the commit will contain. */
function exportIndex(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), "pre-commit-"));
  git(["checkout-index", "--all", `--prefix=${dir}/`], root);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** The hook's exit code; `log`/`error` are the console's in the hooks, captured in tests. */
export async function runPreCommit(options: {
  readonly root: string;
  readonly layout: HookLayout;
  readonly checksFor: (plan: PreCommitPlan) => readonly Check[];
  readonly log?: (line: string) => void;
  readonly error?: (line: string) => void;
}): Promise<number> {
  const { root, layout } = options;
  const log = options.log ?? console.log;
  const error = options.error ?? console.error;
  const started = performance.now();
  const staged = parseNameStatus(
    git(["diff", "--cached", "--name-status", "--no-renames", "-z"], root),
  );
  const plan = planPreCommit(staged, layout);
  const checks = options.checksFor(plan);
  if (checks.length === 0) return 0;

  const unstaged = [
    ...nulList(git(["diff", "--name-only", "-z"], root)),
    ...nulList(git(["ls-files", "--others", "--exclude-standard", "-z"], root)),
  ];
  const snapshot = needsSnapshot(plan, unstaged, layout)
    ? exportIndex(root)
    : undefined;
  try {
    const results = await Promise.all(
      checks.map((check) => check.run(snapshot ?? root)),
    );
    const failed = checks.filter((_, i) => results[i]!.code !== 0);
    checks.forEach((check, i) => {
      const result = results[i]!;
      if (result.code === 0) return;
      error(`\npre-commit: ${check.name} failed on the staged files:`);
      error(result.output.trimEnd());
      error(`pre-commit: fix: ${check.fix}`);
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const where = snapshot === undefined ? "" : " (on an export of the index)";
    if (failed.length > 0) {
      error(
        `\npre-commit: commit stopped by ${failed.map((c) => c.name).join(", ")}${where} in ${seconds} s — ${SKIP_HINT}`,
      );
      return 1;
    }
    log(
      `pre-commit: ${checks.map((c) => c.name).join(", ")} passed${where} in ${seconds} s`,
    );
    return 0;
  } finally {
    if (snapshot !== undefined)
      rmSync(snapshot, { recursive: true, force: true });
  }
}

/** Runs a hook's main and turns a crash into one line and exit 1. */
export async function hookMain(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    const message =
      error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.error(
      `pre-commit: could not run the checks (${message}) — ${SKIP_HINT}`,
    );
    process.exitCode = 1;
  }
}

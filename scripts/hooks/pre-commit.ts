/**
 * The pre-commit hook (installed by `npm ci` through simple-git-hooks): on the staged files only,
 * Prettier; check:workflows when workflow inputs or YAML are staged; the migration gate when
 * migrations are. Skip once with `git commit --no-verify` or SKIP_SIMPLE_GIT_HOOKS=1; CI runs
 * every check regardless, so the hook only saves a round trip.
 *
 * Run by Node's own type stripping (no tsx: it would cost ~0.5 s of a typical commit's budget), so
 * the hook's modules import each other with their .ts extension and use only erasable syntax.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import * as nodeModule from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  needsSnapshot,
  nulList,
  parseNameStatus,
  planPreCommit,
  type PreCommitPlan,
} from "./pre-commit-plan.ts";
import { prettierCheck } from "./prettier-check.ts";
import { runScript, type CheckRun } from "./run-check.ts";

const SKIP_HINT =
  "skip once with git commit --no-verify (or SKIP_SIMPLE_GIT_HOOKS=1); CI still checks";

function git(args: readonly string[], cwd: string): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" });
}

interface Check {
  readonly name: string;
  readonly fix: string;
  readonly run: (root: string) => Promise<CheckRun>;
}

function checksFor(plan: PreCommitPlan): Check[] {
  const checks: Check[] = [];
  if (plan.prettier.length > 0) {
    checks.push({
      name: `prettier (${plan.prettier.length} file(s))`,
      fix: `node_modules/.bin/prettier --write <the files above>, then git add them`,
      run: (root) => prettierCheck(root, plan.prettier),
    });
  }
  if (plan.workflows) {
    checks.push({
      name: "check:workflows",
      fix: "npm run gen:workflows, then git add .github/workflows docs/deployment/diagrams (and the workflows-src change)",
      run: (root) => runScript(root, "check:workflows"),
    });
  }
  if (plan.migrations) {
    checks.push({
      name: "lint:migrations",
      fix: 'make the migration safe, or put "-- migration-lint: allow <rule-id>: <reason>" above the statement',
      run: (root) => runScript(root, "lint:migrations"),
    });
  }
  return checks;
}

/** The index as files, so the checks see exactly what the commit will contain. */
function exportIndex(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), "pre-commit-"));
  git(["checkout-index", "--all", `--prefix=${dir}/`], root);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return dir;
}

async function main(): Promise<number> {
  const started = performance.now();
  // V8 keeps Prettier's compiled code on disk (as preload.mjs does for zod): ~0.1-0.2 s per commit.
  nodeModule.enableCompileCache?.();
  const root = git(["rev-parse", "--show-toplevel"], process.cwd()).trim();
  const staged = parseNameStatus(
    git(["diff", "--cached", "--name-status", "--no-renames", "-z"], root),
  );
  const plan = planPreCommit(staged);
  const checks = checksFor(plan);
  if (checks.length === 0) return 0;

  const unstaged = [
    ...nulList(git(["diff", "--name-only", "-z"], root)),
    ...nulList(git(["ls-files", "--others", "--exclude-standard", "-z"], root)),
  ];
  const snapshot = needsSnapshot(plan, unstaged)
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
      console.error(`\npre-commit: ${check.name} failed on the staged files:`);
      console.error(result.output.trimEnd());
      console.error(`pre-commit: fix: ${check.fix}`);
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const where = snapshot === undefined ? "" : " (on an export of the index)";
    if (failed.length > 0) {
      console.error(
        `\npre-commit: commit stopped by ${failed.map((c) => c.name).join(", ")}${where} in ${seconds} s — ${SKIP_HINT}`,
      );
      return 1;
    }
    console.log(
      `pre-commit: ${checks.map((c) => c.name).join(", ")} passed${where} in ${seconds} s`,
    );
    return 0;
  } finally {
    if (snapshot !== undefined)
      rmSync(snapshot, { recursive: true, force: true });
  }
}

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

/**
 * The pre-commit hook (installed by `npm ci` through simple-git-hooks): on the staged files only,
 * Prettier; check:workflows when workflow inputs or YAML are staged; the migration gate when
 * migrations are. Skip once with `git commit --no-verify` or SKIP_SIMPLE_GIT_HOOKS=1; CI runs
 * every check regardless, so the hook only saves a round trip.
 *
 * Run by Node's own type stripping (no tsx: it would cost ~0.5 s of a typical commit's budget), so
 * the hook's modules import each other with their .ts extension and use only erasable syntax.
 */
import * as nodeModule from "node:module";
import { execFileSync } from "node:child_process";
import { GUESTBOOK_LAYOUT, type PreCommitPlan } from "./pre-commit-plan.ts";
import { hookMain, runPreCommit, type Check } from "./pre-commit-run.ts";
import { prettierCheck } from "./prettier-check.ts";
import { runScript } from "./run-check.ts";

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

await hookMain(() => {
  // V8 keeps Prettier's compiled code on disk (as preload.mjs does for zod): ~0.1-0.2 s per commit.
  nodeModule.enableCompileCache?.();
  const root = execFileSync("git", ["rev-parse", "--show-toplevel"], {
    encoding: "utf8",
  }).trim();
  return runPreCommit({ root, layout: GUESTBOOK_LAYOUT, checksFor });
});

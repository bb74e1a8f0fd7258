/**
 * `typed-cicd hooks:pre-commit`: the pipeline's checks on an adopter's commit, called from its own
 * hook manager (init adds the line to .husky/pre-commit): check:workflows when workflow inputs or
 * YAML are staged, the migration gate when files in the gate's migrations_dir are. No Prettier: the
 * app's own tooling (lint-staged, an editor) formats, and init keeps the generated files out of it.
 * Runs the app's package.json scripts (the bin's commands) with node_modules/.bin on PATH.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  runCommand,
  type PackageManager,
} from "../../workflows-src/builders/package-manager";
import { D1_BINDING } from "../../workflows-src/builders/environment-model";
import { managerOf } from "../cli/package-script";
import { migrationsDirIn } from "../migration-lint/wrangler-config";
import { findWranglerFile } from "../cli/wrangler-config-file";
import type { HookLayout, PreCommitPlan } from "./pre-commit-plan";
import { git, runPreCommit, type Check } from "./pre-commit-run";
import { runScript } from "./run-check";

/** The gate's folder (its default binding, DB, else the first), or none: no config, no D1. */
export function adopterLayout(root: string): HookLayout {
  const config = findWranglerFile((file) => existsSync(path.join(root, file)));
  let migrations: string | undefined;
  try {
    migrations = path.relative(
      root,
      path.resolve(root, migrationsDirIn(root, D1_BINDING)),
    );
  } catch {
    // No JSON(C) config or no D1 binding: the gate has nothing to lint, so nothing to plan.
    migrations = undefined;
  }
  return {
    migrations,
    gateReads: config === undefined ? [] : [config],
    prettier: false,
  };
}

export function adopterChecks(
  manager: PackageManager,
): (plan: PreCommitPlan) => Check[] {
  return (plan) => [
    ...(plan.workflows
      ? [
          {
            name: "check:workflows",
            fix: `${runCommand(manager, "gen:workflows")}, then git add .github (and the workflows-src change)`,
            run: (root: string) => runScript(root, "check:workflows"),
          },
        ]
      : []),
    ...(plan.migrations
      ? [
          {
            name: "lint:migrations",
            fix: 'make the migration safe, or put "-- migration-lint: allow <rule-id>: <reason>" above the statement',
            run: (root: string) => runScript(root, "lint:migrations"),
          },
        ]
      : []),
  ];
}

/** The hook's exit code in the repository at (or above) `cwd`. */
export function adopterPreCommit(cwd: string): Promise<number> {
  const root = git(["rev-parse", "--show-toplevel"], cwd).trim();
  let packageJson: string | undefined;
  try {
    packageJson = readFileSync(path.join(root, "package.json"), "utf8");
  } catch {
    packageJson = undefined;
  }
  return runPreCommit({
    root,
    layout: adopterLayout(root),
    checksFor: adopterChecks(managerOf(packageJson)),
  });
}

/**
 * `typed-cicd init` (the package's bin, in the app's repository) or `npm run init -- --root <dir>`
 * (this checkout) — adopt the pipeline in an existing repository (the nearest package.json at or
 * above the working directory, or --root): writes workflows-src/pipeline.config.ts and
 * environments.ts, the staging/production blocks of the wrangler config, the package.json scripts
 * the workflows call, the .prettierignore block for the generated files and the husky hook, then
 * generates the workflows. Prints what it could not infer. A second run changes nothing; --dry-run
 * prints the diff and writes nothing.
 */
import path from "node:path";
import { defineCli } from "../cli/define-cli";
import { repoRoot } from "../cli/repo-root";
import { unifiedDiff } from "../workflows/unified-diff";
import { applyInit, planInit, rehearseInit, type FileChange } from "./init";

const cli = defineCli({
  usage:
    "typed-cicd init [--dry-run] [--root <dir>]   (in the pipeline's repository: npm run init -- …)",
  description: `Adopts the pipeline in the repository at --root (default: the nearest directory at or
above the current one that holds a package.json):
reads package.json, the lockfile, the wrangler config (jsonc/json), its migrations and bindings,
and the workflows, hooks and formatter already there; writes the config, the environments, the
wrangler environment blocks, package.json scripts, .prettierignore and the husky hook; generates
the workflows. Prints what it could not infer. Exit 1 when it cannot proceed (one line each).`,
  options: {
    "dry-run": {
      type: "boolean",
      description:
        "print the diff of every file init would write; write nothing",
    },
    root: {
      type: "string",
      value: "<dir>",
      description: "the repository to adopt the pipeline in",
    },
  },
  run: ({ values }) =>
    main(
      values.root ? path.resolve(values.root) : repoRoot(),
      values["dry-run"],
    ),
});

function diffOf(change: FileChange): string {
  return unifiedDiff(change.before ?? "", change.after ?? "", {
    from: change.before === undefined ? "/dev/null" : `a/${change.file}`,
    to: change.after === undefined ? "/dev/null" : `b/${change.file}`,
  });
}

function verb(change: FileChange): string {
  if (change.after === undefined) return "removed";
  return change.before === undefined ? "created" : "updated";
}

async function main(root: string, dryRun: boolean): Promise<number> {
  const plan = await planInit(root);
  if (!plan.ok) {
    for (const line of plan.errors) console.error(`init: ${line}`);
    console.error("init: nothing written");
    return 1;
  }
  const all = [...plan.changes, ...plan.generated];
  let exitCode = 0;
  if (dryRun) {
    for (const change of all) console.log(diffOf(change));
    const refused = all.length === 0 ? [] : await rehearseInit(root, plan);
    for (const line of refused) console.error(`init: gen: ${line}`);
    console.log(
      `init --dry-run: ${all.length} file(s) would change (${plan.generated.length} generated)${refused.length > 0 ? `; gen would refuse them (${refused.length} line(s) above)` : ""}; nothing written`,
    );
    if (refused.length > 0) exitCode = 1;
  } else {
    const errors = await applyInit(root, plan);
    for (const change of plan.changes)
      console.log(`${verb(change)}  ${change.file}`);
    if (errors.length > 0) {
      for (const line of errors) console.error(`init: gen: ${line}`);
      console.error(
        "init: the files above are written; the workflows are not — fix the lines above (in workflows-src/pipeline.config.ts or package.json) and run init again",
      );
      return 1;
    }
    for (const change of plan.generated)
      console.log(`generated ${change.file}`);
    console.log(
      all.length === 0
        ? "init: nothing to change (already adopted)"
        : `init: ${all.length} file(s) written; review them, commit, open a pull request (docs/deployment/adopt.md)`,
    );
  }
  if (plan.notes.length > 0) {
    console.log("\ninit could not infer (or left for you):");
    for (const note of plan.notes) console.log(`  - ${note}`);
  }
  return exitCode;
}

process.exitCode = await cli.main();

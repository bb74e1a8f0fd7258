/**
 * npm's `prepare` script: installs the git hooks declared under "simple-git-hooks" in package.json
 * when `npm ci`/`npm install` runs in a git checkout. npm 11 runs the root package's own lifecycle
 * scripts whatever allowScripts says (allowScripts gates dependencies' scripts only), so this is the
 * one place hooks get installed. It never fails an install: CI, a tarball without .git, or hooks
 * redirected elsewhere each get one line and exit 0.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { decideInstall } from "./install-decision";

function gitOutput(args: readonly string[]): string | undefined {
  try {
    return execFileSync("git", args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

const decision = decideInstall({
  ci: process.env.CI === "true" || process.env.CI === "1",
  skip: ["1", "true"].includes(process.env.SKIP_INSTALL_SIMPLE_GIT_HOOKS ?? ""),
  inGitWorkTree: gitOutput(["rev-parse", "--is-inside-work-tree"]) === "true",
  hooksPath: gitOutput(["config", "core.hooksPath"]) ?? "",
});
if (decision.install) {
  const result = spawnSync(join("node_modules", ".bin", "simple-git-hooks"), {
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.log(
      "hooks: simple-git-hooks did not run — run npm run prepare again after npm ci",
    );
  }
} else {
  console.log(`hooks: git hooks not installed: ${decision.reason}`);
}

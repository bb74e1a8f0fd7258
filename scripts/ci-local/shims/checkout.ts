/**
 * actions/checkout: a clean clone of the run's commit into the workspace. `git clone --local`
 * shares objects by hard link, so it costs well under a second; nothing untracked comes along —
 * exactly what a runner sees. The clone holds the whole history, so `fetch-depth` (1 or 0) needs
 * nothing more.
 */
import { execFileSync } from "node:child_process";
import { allowInputs, type Shim } from "./shim";

export const checkout: Shim = async (ctx) => {
  allowInputs("actions/checkout", ctx, ["persist-credentials", "fetch-depth"]);
  const git = (...args: string[]): void => {
    execFileSync("git", args, { stdio: ["ignore", "ignore", "pipe"] });
  };
  git(
    "clone",
    "--local",
    "--quiet",
    "--no-checkout",
    ctx.stores.repoRoot,
    ctx.dirs.workspace,
  );
  git(
    "-C",
    ctx.dirs.workspace,
    "checkout",
    "--quiet",
    "--detach",
    ctx.stores.sha,
  );
  ctx.log(`checked out ${ctx.stores.sha.slice(0, 12)} (clean clone)`);
  return {};
};

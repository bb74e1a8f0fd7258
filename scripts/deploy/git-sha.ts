import { execFileSync } from "node:child_process";
import type { EnvVars } from "./env-vars";

export const SHA_PATTERN = /^[0-9a-f]{40}$/;

/** The commit being shipped: GITHUB_SHA on Actions, else the checkout's HEAD. */
export function currentSha(env: EnvVars = process.env, cwd?: string): string {
  const fromEnv = env["GITHUB_SHA"]?.trim();
  if (fromEnv) return fromEnv;
  return execFileSync("git", ["rev-parse", "HEAD"], {
    cwd,
    encoding: "utf8",
  }).trim();
}

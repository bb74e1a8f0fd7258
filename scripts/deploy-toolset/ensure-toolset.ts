/**
 * The deploy toolset installed once per lockfile in a shared directory, for rehearsals that run the
 * deploy CLIs the way the deploy jobs do (`npm run rehearse:cloud`): installed by the same script as
 * `npm run deploy:toolset` (given a directory), reused while its package.json and lockfile are unchanged.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../deploy/wrangler";
import { PIPELINE_SOURCES } from "../workflows/policy/pipeline-sources";

const TOOLSET = path.join(REPO_ROOT, "tools", "deploy");
const FILES = ["package.json", "package-lock.json"] as const;
/** Copied into the toolset by install.sh: a new launcher is a new toolset. */
const LAUNCHER = path.join(REPO_ROOT, PIPELINE_SOURCES.launcher);
const INSTALL = path.join(REPO_ROOT, "scripts", "deploy-toolset", "install.sh");

/** Returns the node_modules directory of an installed toolset (installing it on first use). */
export async function ensureToolset(
  cacheRoot = path.join(tmpdir(), "deploy-toolset"),
): Promise<string> {
  const hash = createHash("sha256");
  for (const file of FILES) hash.update(readFileSync(path.join(TOOLSET, file)));
  hash.update(readFileSync(LAUNCHER));
  const dir = path.join(cacheRoot, hash.digest("hex").slice(0, 16));
  const modules = path.join(dir, "node_modules");
  if (existsSync(path.join(modules, ".bin", "typed-cicd"))) return modules;
  // Install beside, then rename: a half-finished install is never mistaken for a toolset.
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await promisify(execFile)("bash", [INSTALL, staging]);
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process won the race
  }
  return modules;
}

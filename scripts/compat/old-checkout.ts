/**
 * The serving commit as a directory: a detached git worktree of that commit with its own
 * node_modules and its build (.open-next) — built here with its own lockfile, or taken from an
 * artifact. Its node_modules reuse this checkout's when the lockfiles are byte-identical (hard
 * links for a build, which refuses a node_modules symlinked from elsewhere; a symlink to only run
 * wrangler and Playwright); otherwise the commit needs its own `npm ci`.
 */
import {
  cpSync,
  existsSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { join } from "node:path";
import type { Runner } from "../deploy/child-process";
import {
  buildWorkerContract,
  contractEnv,
} from "../../workflows-src/contracts";

export const LOCKFILE = "package-lock.json";
export const BUILD_DIR = ".open-next";

export type NodeModulesSource = "hard-linked" | "symlinked" | "installed";

function lastLines(text: string, count = 5): string {
  return text.trim().split("\n").slice(-count).join(" | ");
}

/** The full SHA of `revision`, fetching it from origin when a shallow clone lacks it; undefined if no source has it. */
export async function resolveCommit(
  root: string,
  revision: string,
  run: Runner,
): Promise<string | undefined> {
  const parse = () =>
    run("git", ["rev-parse", "--verify", "--quiet", `${revision}^{commit}`], {
      cwd: root,
    });
  const local = await parse();
  if (local.code === 0) return local.stdout.trim();
  if (!/^[0-9a-f]{7,40}$/i.test(revision)) return undefined;
  // CI checks out one commit: fetch just the one we need (GitHub serves any reachable SHA).
  const fetched = await run(
    "git",
    ["fetch", "--quiet", "--no-tags", "--depth=1", "origin", revision],
    { cwd: root, timeoutMs: 120_000 },
  );
  if (fetched.code !== 0) return undefined;
  const again = await parse();
  return again.code === 0 ? again.stdout.trim() : undefined;
}

export async function addWorktree(
  root: string,
  commit: string,
  dir: string,
  run: Runner,
): Promise<void> {
  const added = await run(
    "git",
    ["worktree", "add", "--detach", "--quiet", dir, commit],
    { cwd: root },
  );
  if (added.code !== 0)
    throw new Error(
      `git worktree add ${dir} ${commit} failed in ${root}: ${lastLines(added.stderr)} — run \`git worktree prune\` and retry`,
    );
}

export async function removeWorktree(
  root: string,
  dir: string,
  run: Runner,
): Promise<void> {
  // node_modules first: `git worktree remove` would walk a hard-linked tree file by file.
  rmSync(join(dir, "node_modules"), { recursive: true, force: true });
  await run("git", ["worktree", "remove", "--force", dir], { cwd: root });
  rmSync(dir, { recursive: true, force: true });
  await run("git", ["worktree", "prune"], { cwd: root });
}

export function sameLockfile(root: string, dir: string): boolean {
  const read = (base: string) =>
    existsSync(join(base, LOCKFILE))
      ? readFileSync(join(base, LOCKFILE))
      : undefined;
  const ours = read(root);
  const theirs = read(dir);
  return ours !== undefined && theirs !== undefined && ours.equals(theirs);
}

/** Gives the worktree a node_modules; says which way, since an install costs minutes. */
export async function provideNodeModules(options: {
  readonly root: string;
  readonly dir: string;
  readonly forBuild: boolean;
  readonly run: Runner;
  readonly say: (line: string) => void;
}): Promise<NodeModulesSource> {
  const { root, dir, run, say } = options;
  const ours = join(root, "node_modules");
  if (sameLockfile(root, dir) && existsSync(ours)) {
    const source = realpathSync(ours);
    if (!options.forBuild) {
      symlinkSync(source, join(dir, "node_modules"), "dir");
      return "symlinked";
    }
    const copied = await run("cp", ["-al", source, join(dir, "node_modules")]);
    if (copied.code !== 0)
      throw new Error(
        `cp -al ${source} ${dir}/node_modules failed: ${lastLines(copied.stderr)} — both must be on one filesystem (set TMPDIR inside it)`,
      );
    return "hard-linked";
  }
  say(
    `${LOCKFILE} of the serving commit differs from this checkout's: it must install its own dependencies (npm ci in ${dir})`,
  );
  const installed = await run("npm", ["ci", "--no-audit", "--no-fund"], {
    cwd: dir,
    env: { ...process.env, SKIP_SIMPLE_GIT_HOOKS: "1" },
    timeoutMs: 600_000,
  });
  if (installed.code !== 0)
    throw new Error(
      `npm ci failed in the serving commit's worktree ${dir}: ${lastLines(installed.stderr)} — fix its lockfile or pass --artifact with its build and a cached node_modules`,
    );
  return "installed";
}

/** Builds the worker as the serving commit's own build script does, its version baked in. */
export async function buildOldWorker(
  dir: string,
  commit: string,
  run: Runner,
): Promise<void> {
  const built = await run("npm", ["run", buildWorkerContract.script], {
    cwd: dir,
    env: {
      ...process.env,
      ...contractEnv(buildWorkerContract, { APP_VERSION: commit }),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    timeoutMs: 600_000,
  });
  if (built.code !== 0 || !existsSync(join(dir, BUILD_DIR, "worker.js")))
    throw new Error(
      `npm run ${buildWorkerContract.script} of ${commit} failed in ${dir}: ${lastLines(`${built.stdout}\n${built.stderr}`)} — build it yourself and pass the result with --artifact`,
    );
}

/** Puts an artifact (the unpacked worker-build: the contents of .open-next) in place of a build. */
export function useArtifact(artifact: string, dir: string): void {
  if (!existsSync(join(artifact, "worker.js")))
    throw new Error(
      `--artifact ${artifact}: no worker.js in it — give the unpacked worker-build artifact (the contents of ${BUILD_DIR}/)`,
    );
  cpSync(artifact, join(dir, BUILD_DIR), { recursive: true });
}

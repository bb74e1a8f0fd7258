/**
 * What a local action shim gets and gives: the step's `with:` (already interpolated), the job's
 * directories, and a way to set env, PATH and post-job work. It returns the step's outputs.
 */
export interface JobDirs {
  /** GITHUB_WORKSPACE: the job's clean clone. */
  readonly workspace: string;
  /** HOME of the job (a runner's home is fresh per job too). */
  readonly home: string;
  /** RUNNER_TEMP. */
  readonly temp: string;
}

export interface RunStores {
  /** The repository being run (source of checkout's clone). */
  readonly repoRoot: string;
  /** The commit every job checks out. */
  readonly sha: string;
  /** This run's artifacts: one directory per name. */
  readonly artifacts: string;
  /** Cache entries, kept across runs (actions/cache's store). */
  readonly cache: string;
  /** npm's download cache that setup-node `cache: npm` restores (a warm hit). */
  readonly npmCache: string;
  /**
   * --seed-node-modules: a miss for a cache of exactly `node_modules` is first filled from the
   * checkout's own node_modules, when its package manager installed it from this lockfile
   * (see seedable.ts).
   */
  readonly seedNodeModules?: boolean;
}

export interface ShimContext {
  readonly with: Readonly<Record<string, string>>;
  readonly dirs: JobDirs;
  readonly stores: RunStores;
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
  readonly setEnv: (name: string, value: string) => void;
  readonly addPath: (dir: string) => void;
  /** Bytes the step moved (cache, artifacts): bench:pipeline prices them at GitHub's throughput. */
  readonly transferred: (bytes: number) => void;
  /** Work for after the last step (actions/cache saves there); `ok` is whether the job succeeded. */
  readonly post: (run: (ok: boolean) => Promise<void>) => void;
}

export type ShimOutputs = Record<string, string>;
export type Shim = (ctx: ShimContext) => Promise<ShimOutputs>;

export class ShimError extends Error {}

/** Refuses inputs the shim does not emulate: a silently ignored input would hide a difference. */
export function allowInputs(
  action: string,
  ctx: ShimContext,
  known: readonly string[],
): void {
  for (const key of Object.keys(ctx.with)) {
    if (!known.includes(key)) {
      throw new ShimError(
        `${action}: with.${key}: not emulated by ci:local — known: ${known.join(", ")}`,
      );
    }
  }
}

/** GitHub's multi-line `path:` inputs: one path a line, blank lines ignored. */
export function pathLines(value: string | undefined): string[] {
  return (value ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** `~` is the job's HOME; relative paths are relative to the workspace. */
export function resolvePath(dirs: JobDirs, value: string): string {
  if (value === "~" || value.startsWith("~/"))
    return dirs.home + value.slice(1);
  return value.startsWith("/") ? value : `${dirs.workspace}/${value}`;
}

export function refuseGlobs(action: string, value: string): void {
  if (/[*?[\]{}!]/.test(value)) {
    throw new ShimError(
      `${action}: path "${value}": globs are not emulated by ci:local — name files or directories`,
    );
  }
}

/**
 * Copies a file or directory tree with `cp -a` in a child process: node_modules is ~1 GB, and a
 * synchronous copy would stall the other jobs' bookkeeping (and their timings) meanwhile.
 */
/**
 * `cp -a` of a file or directory tree; with `link`, files are hard links (`cp -al`): the cache's
 * 1 GB node_modules moves in seconds instead of half a minute. Linked files are shared with the
 * store, so a step that rewrote one in place would change the entry — npm only installs on a miss
 * (into a fresh tree) and the tools here write new files, never installed ones. Across file systems
 * links are impossible and it copies.
 */
export async function copyTree(
  source: string,
  target: string,
  options: { readonly link?: boolean } = {},
): Promise<void> {
  const { execFile } = await import("node:child_process");
  const { mkdir, stat } = await import("node:fs/promises");
  const isDir = (await stat(source)).isDirectory();
  await mkdir(
    isDir ? target : target.slice(0, target.lastIndexOf("/")) || "/",
    { recursive: true },
  );
  const cp = (flags: readonly string[]) =>
    new Promise<void>((resolve, reject) => {
      execFile(
        "cp",
        [...flags, isDir ? `${source}/.` : source, target],
        (error, _out, stderr) => {
          if (error)
            reject(
              new ShimError(
                `cp ${source} → ${target}: ${stderr.trim() || error.message}`,
              ),
            );
          else resolve();
        },
      );
    });
  if (!options.link) return cp(["-a"]);
  try {
    // Over existing files too, as `cp -a` (and a cache restore on GitHub) would write them.
    await cp(["-al", "--remove-destination"]);
  } catch (error) {
    if (!/cross-device|Invalid cross-device/i.test((error as Error).message))
      throw error;
    await cp(["-a"]);
  }
}

/** Total size in bytes of files and directories (`du -sb`), 0 for missing paths. */
export async function sizeOf(paths: readonly string[]): Promise<number> {
  const { execFile } = await import("node:child_process");
  const { existsSync } = await import("node:fs");
  const present = paths.filter((p) => existsSync(p));
  if (present.length === 0) return 0;
  return new Promise((resolve) => {
    execFile("du", ["-sbc", ...present], (error, stdout) => {
      const total = /^(\d+)\s+total$/m.exec(stdout);
      resolve(error || !total ? 0 : Number(total[1]));
    });
  });
}

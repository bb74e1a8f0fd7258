/**
 * One local run from options to report: resolves the workflow file, the commit, event, inputs and
 * stores, then hands over to runWorkflow. Shared by the CLI, bench:pipeline and the tests.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  buildBaseEnv,
  buildContexts,
  defaultEvent,
  environmentEnv,
  gitIdentity,
  resolveInputs,
  secretsFrom,
  UsageError,
} from "./run-context";
import { runWorkflow, type RunReport } from "./run-workflow";
import { loadWorkflow } from "./workflow-model";

export interface CiLocalOptions {
  readonly repoRoot: string;
  /** quality, quality.yml or .github/workflows/quality.yml. */
  readonly workflow: string;
  readonly jobs?: readonly string[];
  readonly withEnvironments?: boolean;
  readonly event?: string;
  readonly ref?: string;
  readonly baseRef?: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly parallel?: number;
  readonly keep?: boolean;
  /**
   * Default: <tmpdir>/ci-local/<time> — outside the repository, so vitest, tsc and eslint in the
   * checkout never see the jobs' clones.
   */
  readonly runDir?: string;
  /** Kept across runs, like GitHub's cache. Default: ~/.cache/ci-local. */
  readonly cacheDir?: string;
  /** What setup-node `cache: npm` restores. Default: npm's own cache (`npm config get cache`). */
  readonly npmCache?: string;
  /** Fill a node_modules cache miss from the checkout's own install (see shims/seedable.ts). */
  readonly seedNodeModules?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly print?: (line: string) => void;
}

export function workflowPath(repoRoot: string, name: string): string {
  const candidates = [
    name,
    `.github/workflows/${name}`,
    `.github/workflows/${name}.yml`,
  ];
  const found = candidates.find(
    (c) => /\.ya?ml$/.test(c) && existsSync(path.join(repoRoot, c)),
  );
  if (!found)
    throw new UsageError(
      `workflow "${name}": no such file under .github/workflows/ — e.g. quality`,
    );
  return path.relative(repoRoot, path.resolve(repoRoot, found));
}

function defaultNpmCache(): string {
  try {
    return execFileSync("npm", ["config", "get", "cache"], {
      encoding: "utf8",
    }).trim();
  } catch {
    return path.join(os.homedir(), ".npm");
  }
}

export async function ciLocal(options: CiLocalOptions): Promise<RunReport> {
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => console.log(line));
  const file = workflowPath(options.repoRoot, options.workflow);
  const workflow = loadWorkflow(path.join(options.repoRoot, file));
  const git = gitIdentity(options.repoRoot);
  if (git.dirty)
    print(
      `note: uncommitted changes are not in this run — every job checks out HEAD ${git.sha.slice(0, 12)}`,
    );
  const event = options.event ?? defaultEvent(workflow);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const runDir = options.runDir ?? path.join(os.tmpdir(), "ci-local", stamp);
  print(
    `ci:local ${file} (${event}) at ${git.sha.slice(0, 12)}; logs in ${path.join(runDir, "logs")}`,
  );
  const identity = {
    repoRoot: options.repoRoot,
    sha: git.sha,
    branch: git.branch,
    event,
    ref:
      options.ref ??
      (event === "pull_request"
        ? "refs/pull/1/merge"
        : `refs/heads/${git.branch}`),
    baseRef: options.baseRef ?? "main",
    workflowName: workflow.name ?? file,
    runId: String(Date.now()),
  };
  const withEnvironments = options.withEnvironments ?? false;
  const inputs = resolveInputs(workflow, event, options.inputs ?? {});
  const secrets = withEnvironments ? secretsFrom(env) : {};
  const extraEnv = withEnvironments ? environmentEnv(env, runDir) : {};
  const cacheDir =
    options.cacheDir ?? path.join(os.homedir(), ".cache", "ci-local");
  return runWorkflow({
    repoRoot: options.repoRoot,
    workflowFile: file,
    only: options.jobs ?? [],
    withEnvironments,
    parallel: options.parallel ?? 2,
    settings: {
      stores: {
        repoRoot: options.repoRoot,
        sha: git.sha,
        artifacts: path.join(runDir, "artifacts"),
        cache: path.join(cacheDir, "actions-cache"),
        npmCache: options.npmCache ?? defaultNpmCache(),
        seedNodeModules: options.seedNodeModules ?? false,
      },
      runDir,
      contexts: buildContexts(identity, inputs, secrets, runDir),
      baseEnv: buildBaseEnv(identity, runDir, env),
      environmentEnv: extraEnv,
      workflowEnv: workflow.env ?? {},
      keep: options.keep ?? false,
      startedAt: performance.now(),
      print,
    },
  });
}

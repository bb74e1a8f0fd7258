/**
 * Runs wrangler with an argv from wrangler-args.ts and hands back both its exit status and its
 * ND-JSON output entries (WRANGLER_OUTPUT_FILE_PATH points at a fresh file per call).
 */
import type { EnvVars } from "./env-vars";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { repoRoot } from "../cli/repo-root";
import { spawnRunner, type RunResult, type Runner } from "./child-process";
import type { DeployLog } from "./deploy-log";
import {
  describeWranglerFailure,
  readWranglerFailure,
} from "./cloudflare/wrangler-failure";
import { parseNdjson } from "./wrangler-output";

/**
 * The repository being deployed: the working directory's (scripts/cli/repo-root.ts), so the bundled
 * `typed-cicd` deploys the adopter's repository, not the folder the package is installed in.
 */
export const REPO_ROOT = repoRoot();

/**
 * The repository's own wrangler (its devDependency, the version its wrangler config was written
 * for); the package does not ship one. Looked up when a command runs, so --help works without it.
 */
export function wranglerBin(root: string = REPO_ROOT): string {
  const bin = join(root, "node_modules", ".bin", "wrangler");
  if (!existsSync(bin))
    throw new Error(
      `${bin}: not found — add wrangler to devDependencies and install (the deploy commands run the repository's own wrangler)`,
    );
  return bin;
}

/**
 * How a command starts the repository's wrangler: the CLI module wrangler's own bin starts, under
 * this Node, as that bin does (`node --no-warnings wrangler-dist/cli.js <args>`). The bin only checks
 * the Node version (the package's engines field asks for as much) and waits for that second Node
 * process; starting the module directly spares one Node start per command (~0.3 CPU-s of ~2.3).
 * A wrangler whose entry is not that CLI module is started through its bin, as before.
 */
export function wranglerCommand(root: string = REPO_ROOT): {
  readonly command: string;
  readonly prefix: readonly string[];
} {
  const bin = wranglerBin(root);
  let entry: string;
  try {
    entry = createRequire(join(root, "package.json")).resolve("wrangler");
  } catch {
    return { command: bin, prefix: [] };
  }
  return basename(entry) === "cli.js" &&
    basename(dirname(entry)) === "wrangler-dist"
    ? { command: process.execPath, prefix: ["--no-warnings", entry] }
    : { command: bin, prefix: [] };
}

export interface WranglerRun extends RunResult {
  readonly args: readonly string[];
  /** Entries wrangler wrote to its output file during this command. */
  readonly entries: readonly unknown[];
}

export interface WranglerCallOptions {
  readonly timeoutMs?: number;
  /** Log output to the file only (machine-readable JSON that would drown the console). */
  readonly quiet?: boolean;
}

export type Wrangler = (
  args: readonly string[],
  options?: WranglerCallOptions,
) => Promise<WranglerRun>;

export interface WranglerOptions {
  readonly runner?: Runner;
  readonly cwd?: string;
  readonly env?: EnvVars;
  readonly log?: DeployLog;
}

/**
 * Where Node keeps the compiled code of wrangler's 15 MB CLI module between calls (Node's own
 * default folder for its compile cache): each later call skips compiling what it runs, ~0.15 of
 * ~2 CPU-s. A NODE_COMPILE_CACHE the caller set is kept.
 */
export const WRANGLER_COMPILE_CACHE = join(tmpdir(), "node-compile-cache");

/**
 * Non-interactive, no telemetry, no colour codes in logs; CI=true also auto-confirms migrations.
 * For wrangler and for the tools that run it (OpenNext's populateCache).
 */
export function nonInteractiveEnv(base: EnvVars): EnvVars {
  return {
    ...base,
    NODE_COMPILE_CACHE: base["NODE_COMPILE_CACHE"] ?? WRANGLER_COMPILE_CACHE,
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
  };
}

/** nonInteractiveEnv, plus the file wrangler writes its structured output to. */
export function wranglerEnv(base: EnvVars, outputFile: string): EnvVars {
  return { ...nonInteractiveEnv(base), WRANGLER_OUTPUT_FILE_PATH: outputFile };
}

export function createWrangler(options: WranglerOptions = {}): Wrangler {
  const runner = options.runner ?? spawnRunner;
  return async (args, callOptions = {}) => {
    const { command, prefix } = wranglerCommand();
    const dir = mkdtempSync(join(tmpdir(), "wrangler-output-"));
    const outputFile = join(dir, "output.ndjson");
    try {
      options.log?.info(`$ wrangler ${args.join(" ")}`);
      const result = await runner(command, [...prefix, ...args], {
        cwd: options.cwd ?? REPO_ROOT,
        env: wranglerEnv(options.env ?? process.env, outputFile),
        ...(callOptions.timeoutMs === undefined
          ? {}
          : { timeoutMs: callOptions.timeoutMs }),
        ...(options.log === undefined
          ? {}
          : { log: callOptions.quiet ? options.log.quiet() : options.log }),
      });
      let text = "";
      try {
        text = readFileSync(outputFile, "utf8");
      } catch {
        // wrangler writes nothing when it fails before parsing arguments.
      }
      return { ...result, args, entries: parseNdjson(text, outputFile) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** One line in Cloudflare's own words (the API's notes first), ANSI colours stripped. */
export function failureReason(run: WranglerRun): string {
  return describeWranglerFailure(readWranglerFailure(run));
}

/** The command words, e.g. "d1 migrations apply" (no binding, ids or flags). */
export function commandName(args: readonly string[]): string {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const words: string[] = [];
  for (const arg of args) {
    if (!/^[a-z][a-z0-9-]*$/.test(arg) || uuid.test(arg)) break;
    words.push(arg);
  }
  return words.join(" ");
}

export function assertSucceeded(run: WranglerRun): WranglerRun {
  if (run.code !== 0 || run.timedOut) {
    throw new Error(
      `wrangler ${commandName(run.args)} failed (exit ${run.code}): ${failureReason(run)}`,
    );
  }
  return run;
}

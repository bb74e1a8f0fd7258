/**
 * Runs commands in their own process group, so a timeout or Ctrl-C stops the whole tree (wrangler
 * starts workerd, npm starts node) — and only what this process started.
 */
import type { EnvVars } from "./env-vars";
import { spawn, type ChildProcess } from "node:child_process";
import { signalGroup } from "../cli/process-group";
import { realClock, type Clock } from "./clock";
import type { DeployLog } from "./deploy-log";

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: EnvVars;
  readonly timeoutMs?: number;
  readonly log?: DeployLog;
  /** Times the timeout (default: the real clock); tests fire it when the child is ready. */
  readonly clock?: Clock;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly timedOut: boolean;
}

/** The seam the deploy orchestration is tested through: real spawn here, a recorder in unit tests. */
export type Runner = (
  command: string,
  args: readonly string[],
  options?: RunOptions,
) => Promise<RunResult>;

const live = new Set<ChildProcess>();

/** Signals the group of a child that is still running (a finished one's group is stopChild's). */
export function killGroup(
  child: ChildProcess,
  signal: NodeJS.Signals = "SIGTERM",
): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child.pid, signal);
}

let handlersInstalled = false;
/** Ctrl-C or a cancelled CI job stops every group this process started before exiting. */
export function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      for (const child of live) killGroup(child, "SIGTERM");
      process.exit(130);
    });
  }
  process.once("exit", () => {
    for (const child of live) killGroup(child, "SIGKILL");
  });
}

/** Starts a long-running child (a server) in its own group; the caller stops it with stopChild. */
export function startChild(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): ChildProcess {
  installSignalHandlers();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env) } as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** SIGTERM the group, then SIGKILL after a grace period; resolves when the leader has exited. */
export async function stopChild(
  child: ChildProcess,
  graceMs = 3000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => resolve()),
  );
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  // workerd may outlive wrangler briefly; the group kill reaches it too (killGroup would skip it:
  // the leader has exited).
  signalGroup(child.pid, "SIGKILL");
}

export const spawnRunner: Runner = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = startChild(command, args, options);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      options.log?.raw(chunk);
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      options.log?.raw(chunk);
    });
    const timeout =
      options.timeoutMs === undefined
        ? undefined
        : (options.clock ?? realClock).timeout(options.timeoutMs);
    const onTimeout = () => {
      timedOut = true;
      void stopChild(child);
    };
    timeout?.addEventListener("abort", onTimeout, { once: true });
    const clearTimer = () => timeout?.removeEventListener("abort", onTimeout);
    child.once("error", (error) => {
      clearTimer();
      reject(
        new Error(
          `${command}: could not start (${error.message}) — is it installed? run npm ci`,
        ),
      );
    });
    child.once("close", (code, signal) => {
      clearTimer();
      resolve({
        code: code ?? (signal === null ? 1 : 128),
        stdout,
        stderr,
        durationMs: performance.now() - started,
        timedOut,
      });
    });
  });

import { signalGroup } from "../cli/process-group";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import {
  d1MigrationsApply,
  devLocal,
  local,
  localScope,
} from "./wrangler-args";
// wrangler argv comes from the deploy pipeline's one builder, so E2E serves exactly what rehearse does.

/**
 * Serves the BUILT worker (.open-next/worker.js) with `wrangler dev --local` on
 * a free port, on a local D1 that was freshly migrated. Reusable outside
 * Playwright (deploy rehearsals, drills): everything it starts is one process
 * group, stopped by `stop()` — or by the exit hook if the caller crashes.
 */

export const BUILT_WORKER = ".open-next/worker.js";

export type ServeWorkerOptions = {
  /** Project root holding wrangler.jsonc and .open-next/ (default: cwd). */
  cwd?: string;
  /** `--env` of wrangler.jsonc (default: top-level config). */
  wranglerEnv?: string;
  /** D1/KV state dir; default is a fresh temp dir, removed on stop. */
  persistDir?: string;
  /** Apply drizzle/migrations to the local D1 before starting (default true). */
  applyMigrations?: boolean;
  /** Extra `--var KEY:VALUE` pairs. */
  vars?: Record<string, string>;
  /** Path that must answer (any HTTP status) before the server counts as up. */
  readyPath?: string;
  readyTimeoutMs?: number;
  /** Keep the temp dir (state + wrangler log) after stop, for debugging. */
  keepTempDir?: boolean;
};

export type ServedWorker = {
  url: string;
  port: number;
  pid: number;
  persistDir: string;
  /** wrangler dev's combined stdout/stderr. */
  logFile: string;
  stop: () => Promise<void>;
};

/** Throws a one-line error when the worker has not been built. */
export function assertBuiltWorker(cwd: string = process.cwd()): void {
  if (!existsSync(join(cwd, BUILT_WORKER))) {
    const error = new Error(
      `${BUILT_WORKER} not found in ${cwd} — run \`npm run build:worker\` first (E2E never rebuilds; it tests the build artifact).`,
    );
    error.stack = error.message;
    throw error;
  }
}

/** A TCP port that was free a moment ago (the OS picks it: listen on 0). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolvePort(address.port);
        else reject(new Error("findFreePort: no port assigned"));
      });
    });
  });
}

/** `node <wrangler.js>` from the project's own node_modules, never a global or npx. */
export function wranglerCommand(cwd: string): [string, string] {
  const require = createRequire(join(cwd, "package.json"));
  const pkg = require.resolve("wrangler/package.json");
  return [process.execPath, join(dirname(pkg), "bin", "wrangler.js")];
}

function childEnv(): NodeJS.ProcessEnv {
  // CI=true makes `migrations apply` answer its prompt and keeps wrangler non-interactive.
  return { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };
}

/** Applies drizzle/migrations to the local D1 in `persistDir`; throws with wrangler's output on failure. */
export function applyLocalMigrations(options: {
  cwd?: string;
  persistDir: string;
  wranglerEnv?: string;
}): void {
  const cwd = resolve(options.cwd ?? process.cwd());
  const [node, wrangler] = wranglerCommand(cwd);
  const result = spawnSync(
    node,
    [
      wrangler,
      ...d1MigrationsApply(
        localScope(options.wranglerEnv),
        local(options.persistDir),
      ),
    ],
    { cwd, env: childEnv(), encoding: "utf8", timeout: 120_000 },
  );
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    throw new Error(
      `wrangler d1 migrations apply DB --local failed (exit ${result.status ?? result.signal}) in ${cwd}: ${output.split("\n").slice(-5).join(" | ")}`,
    );
  }
}

/**
 * PIDs in process group `pgid` that are still running. Zombies are skipped: a
 * container whose PID 1 does not reap them keeps them listed, yet they hold no
 * ports or files. Needs Linux /proc (falls back to kill(-pgid, 0) elsewhere).
 */
export function liveGroupMembers(pgid: number): number[] {
  if (!existsSync("/proc/self/stat")) {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const live: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp …" — comm may contain spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z")
      live.push(Number(entry));
  }
  return live;
}

async function waitForGroupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (liveGroupMembers(pgid).length > 0) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `wrangler dev exited early (${child.exitCode ?? child.signalCode}) — see ${logFile}`,
      );
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `wrangler dev did not answer ${url} within ${timeoutMs} ms — see ${logFile}`,
  );
}

/** Starts the built worker; on any failure it stops what it started before throwing. */
export async function serveBuiltWorker(
  options: ServeWorkerOptions = {},
): Promise<ServedWorker> {
  const cwd = resolve(options.cwd ?? process.cwd());
  assertBuiltWorker(cwd);

  const tempDir = mkdtempSync(join(tmpdir(), "serve-worker-"));
  const persistDir = options.persistDir ?? join(tempDir, "state");
  mkdirSync(persistDir, { recursive: true });
  const logFile = join(tempDir, "wrangler-dev.log");
  let keepTempDir = options.keepTempDir ?? false;
  const removeTempDir = (): void => {
    if (!keepTempDir) rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    if (options.applyMigrations ?? true) {
      applyLocalMigrations({
        cwd,
        persistDir,
        wranglerEnv: options.wranglerEnv,
      });
    }
  } catch (error) {
    removeTempDir();
    throw error;
  }

  const port = await findFreePort();
  const inspectorPort = await findFreePort();
  const [node, wrangler] = wranglerCommand(cwd);
  const log = createWriteStream(logFile);
  const child = spawn(
    node,
    [
      wrangler,
      ...devLocal(localScope(options.wranglerEnv), {
        port,
        inspectorPort,
        persistTo: persistDir,
        ...(options.vars === undefined ? {} : { vars: options.vars }),
      }),
    ],
    { cwd, env: childEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  // Last resort if the caller dies without calling stop(): synchronous kill on exit.
  const onExit = (): void => signalGroup(child.pid, "SIGKILL");
  process.once("exit", onExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", onExit);
    signalGroup(child.pid, "SIGTERM");
    const pgid = child.pid;
    const gone =
      pgid === undefined ? true : await waitForGroupGone(pgid, 5_000);
    // workerd may outlive wrangler; SIGKILL whatever is left of the group.
    if (!gone) signalGroup(child.pid, "SIGKILL");
    await waitForExit(child, 2_000);
    if (pgid !== undefined && !(await waitForGroupGone(pgid, 3_000))) {
      process.stderr.write(
        `serve-worker: process group ${pgid} still has live members after SIGKILL: ${liveGroupMembers(pgid).join(", ")}\n`,
      );
    }
    await new Promise<void>((done) => log.end(done));
    removeTempDir();
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(
      `${url}${options.readyPath ?? "/api/health"}`,
      child,
      options.readyTimeoutMs ?? 60_000,
      logFile,
    );
  } catch (error) {
    keepTempDir = true; // keep the log the error points at
    await stop();
    throw error;
  }

  if (child.pid === undefined) throw new Error("wrangler dev: no pid");
  return { url, port, pid: child.pid, persistDir, logFile, stop };
}

/**
 * Runs one of the deploy CLIs the way a workflow step does — `npm run <script> -- <args>` in the
 * sandbox — with the double's env, a fresh GITHUB_OUTPUT file to read the step outputs back, and
 * none of the caller's GitHub/deploy variables (a rehearsal on Actions must not write the real
 * job's outputs).
 */
import { spawn } from "node:child_process";
import { signalGroup } from "../../cli/process-group";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CliRun {
  readonly command: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly ms: number;
  /** The CLI's one-line verdict on failure: the last non-empty stderr line. */
  readonly lastError: string;
}

const DROPPED = /^(GITHUB_|RUNNER_|DEPLOY_|ROLLBACK_|HEALTH_|CLOUDFLARE_|npm_)/;

export type ChildEnv = Record<string, string | undefined>;

export function cleanEnv(
  extra: Readonly<Record<string, string | undefined>>,
): ChildEnv {
  const env: ChildEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!DROPPED.test(k)) env[k] = v;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export async function runCli(
  cwd: string,
  script: string,
  args: readonly string[],
  env: ChildEnv,
  // A hang guard, not a speed limit: one deploy:rollback (eleven wrangler runs) took 82 s at load
  // ~10 and passed 120 s at load ~11 on two cores, where a 120 s guard failed a healthy run.
  timeoutMs = 600_000,
): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), "scenario-output-"));
  const outputFile = join(dir, "github-output");
  const started = performance.now();
  const childEnv: ChildEnv = { ...env, GITHUB_OUTPUT: outputFile };
  const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
    cwd,
    // process.env's global type is augmented by the app (cloudflare-env.d.ts); a child's env is plain.
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const timer = setTimeout(() => {
    signalGroup(child.pid, "SIGTERM");
  }, timeoutMs);
  const code = await new Promise<number>((resolve) =>
    child.on("close", (c) => resolve(c ?? 1)),
  );
  clearTimeout(timer);
  let outputs: Record<string, string> = {};
  try {
    outputs = Object.fromEntries(
      readFileSync(outputFile, "utf8")
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
  } catch {
    // The CLI wrote no outputs (it failed before).
  }
  rmSync(dir, { recursive: true, force: true });
  const lastError =
    stderr
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "")
      .at(-1) ?? "";
  return {
    command: `npm run ${script} -- ${args.join(" ")}`,
    code,
    stdout,
    stderr,
    outputs,
    ms: performance.now() - started,
    lastError,
  };
}

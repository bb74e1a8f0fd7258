import { signalGroup } from "../cli/process-group";
import { spawn } from "node:child_process";
import { resolve } from "node:path";

/** The repository's real wrangler, for integration tests against a local D1. */
const wrangler = resolve(
  import.meta.dirname,
  "../../node_modules/.bin/wrangler",
);

export interface WranglerRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs wrangler in `cwd` in its own process group and kills the whole group afterwards (workerd
 * included); a helper for tests.
 */
export function runWrangler(
  cwd: string,
  args: readonly string[],
): Promise<WranglerRun> {
  return new Promise((resolveRun) => {
    const child = spawn(wrangler, args, {
      cwd,
      detached: true,
      env: {
        ...process.env,
        CI: "true",
        WRANGLER_SEND_METRICS: "false",
        NO_COLOR: "1",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const killGroup = (): void => signalGroup(child.pid, "SIGKILL");
    const timer = setTimeout(killGroup, 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      killGroup();
      resolveRun({ code, stdout, stderr });
    });
  });
}

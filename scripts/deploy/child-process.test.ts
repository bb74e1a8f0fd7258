import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spawnRunner } from "./child-process";

/**
 * Running, as opposed to gone or a zombie: an orphan killed with its group stays in the process
 * table until its new parent reaps it, and signal 0 still finds it there.
 */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

describe("spawnRunner", () => {
  it("captures output and the exit code", async () => {
    const result = await spawnRunner(process.execPath, [
      "-e",
      "console.log('out'); console.error('err'); process.exit(3)",
    ]);
    expect(result).toMatchObject({
      code: 3,
      stdout: "out\n",
      stderr: "err\n",
      timedOut: false,
    });
  });

  it("stops the whole process group on timeout", async () => {
    // The grandchild prints its pid, then both wait 30 s: only a kill of the whole group ends it.
    const script =
      "const c = require('child_process').spawn(process.execPath, ['-e', 'console.log(process.pid); setTimeout(()=>{}, 30000)'], { stdio: 'inherit' }); setTimeout(()=>{}, 30000)";
    const result = await spawnRunner(process.execPath, ["-e", script], {
      timeoutMs: 3000,
    });
    expect(result.timedOut).toBe(true);
    const grandchild = Number(result.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    expect(alive(grandchild)).toBe(false);
  }, 20_000);

  it("explains a missing binary", async () => {
    await expect(spawnRunner("/nonexistent/wrangler", [])).rejects.toThrow(
      /could not start .* run npm ci/,
    );
  });
});

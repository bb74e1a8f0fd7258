import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spawnRunner } from "./child-process";
import { silentLog, type DeployLog } from "./deploy-log";
import { virtualClock } from "./virtual-clock";

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

/**
 * A killed process closes its pipes before the kernel marks it a zombie, so the run can end a
 * moment before /proc says so: wait for that (at most 5 s — the grandchildren linger 60 s when
 * nothing kills them, so a missed kill still fails).
 */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return !alive(pid);
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

  // The grandchild prints its pid and holds the output pipe; neither process exits by itself
  // within a minute (three times the test's limit, so a failed run leaves nothing behind for
  // long). The virtual clock fires the timeout once the grandchild is up: a slow start on a busy
  // machine cannot let the test pass without a grandchild to stop.
  async function timeOutWithGrandchild(grandchildCode: string) {
    const linger = "setTimeout(() => {}, 60000)";
    const code = `${grandchildCode} console.log(process.pid); ${linger}`;
    const script = `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(code)}], { stdio: 'inherit' }); ${linger}`;
    const clock = virtualClock();
    let output = "";
    const log: DeployLog = {
      ...silentLog,
      raw: (chunk) => {
        output += chunk;
        if (/^\d+\n/.test(output)) clock.advance(300);
      },
    };
    const result = await spawnRunner(process.execPath, ["-e", script], {
      timeoutMs: 300,
      clock,
      log,
    });
    return { result, clock, grandchild: Number(result.stdout.trim()) };
  }

  it("stops the whole process group on timeout", async () => {
    const { result, clock, grandchild } = await timeOutWithGrandchild("");
    expect(clock.timeouts).toEqual([300]);
    expect(result).toMatchObject({ timedOut: true, code: 128 });
    expect(grandchild).toBeGreaterThan(0);
    expect(await gone(grandchild)).toBe(true);
  });

  it("stops a grandchild that ignores SIGTERM after its parent has exited", async () => {
    // The parent dies of the timeout's SIGTERM; the grandchild ignores it and holds the output
    // pipe, so the run cannot end until the group's SIGKILL after the parent's exit reaches it.
    const { result, grandchild } = await timeOutWithGrandchild(
      "process.on('SIGTERM', () => {});",
    );
    expect(result.timedOut).toBe(true);
    expect(grandchild).toBeGreaterThan(0);
    expect(await gone(grandchild)).toBe(true);
  });

  it("explains a missing binary", async () => {
    await expect(spawnRunner("/nonexistent/wrangler", [])).rejects.toThrow(
      /could not start .* run npm ci/,
    );
  });
});

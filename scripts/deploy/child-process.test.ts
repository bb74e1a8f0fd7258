import { describe, expect, it } from "vitest";
import { spawnRunner } from "./child-process";

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
    // The grandchild would keep the pipe open for 30 s if only the direct child were killed.
    const script =
      "require('child_process').spawn(process.execPath, ['-e', 'setTimeout(()=>{}, 30000)'], { stdio: 'inherit' }); setTimeout(()=>{}, 30000)";
    const result = await spawnRunner(process.execPath, ["-e", script], {
      timeoutMs: 300,
    });
    expect(result.timedOut).toBe(true);
    expect(result.durationMs).toBeLessThan(5000);
  });

  it("explains a missing binary", async () => {
    await expect(spawnRunner("/nonexistent/wrangler", [])).rejects.toThrow(
      /could not start .* run npm ci/,
    );
  });
});

import { describe, expect, it } from "vitest";
import { estimateJob, estimatePipeline, OVERHEADS } from "./github-estimate";
import type { JobReport } from "./run-job";
import { STAND_INS } from "./stand-ins";

const job = (
  id: string,
  steps: JobReport["steps"],
  needs: string[] = [],
): JobReport => ({
  id,
  name: id,
  result: "success",
  seconds: steps.reduce((s, x) => s + x.seconds, 0),
  startedAt: 0,
  steps,
  outputs: {},
  needs,
});

describe("GitHub estimate", () => {
  it("adds runner start and prices cache bytes at the published rate instead of the local copy", () => {
    const estimate = estimateJob(
      job("unit", [
        {
          name: "Restore node_modules",
          result: "success",
          seconds: 4,
          action: "actions/cache/restore",
          bytes: 2e9,
        },
        { name: "npm ci", result: "skipped", seconds: 0 },
        { name: "npm run test:unit", result: "success", seconds: 30 },
      ]),
    );
    expect(estimate.localSeconds).toBe(34);
    expect(estimate.githubSeconds).toBe(
      OVERHEADS.runnerStart.value + 2 * OVERHEADS.cacheRestore.value + 30,
    );
  });

  it("adds the npm cache restore where setup-node restored it, and the browser set-up for stand-ins", () => {
    const estimate = estimateJob(
      job("e2e", [
        {
          name: "Set up Node",
          result: "success",
          seconds: 0.1,
          action: "actions/setup-node",
          note: "node v22; npm cache restored (the machine's warm cache)",
        },
        {
          name: "npm run e2e:install-browser",
          result: "success",
          seconds: 0,
          note: "local stand-in: Playwright's browser download is unreachable here; checks that a Chromium it can launch is installed (its own, or Debian's)",
        },
      ]),
    );
    const expected =
      OVERHEADS.runnerStart.value +
      0.1 +
      OVERHEADS.browser.value / 2 +
      OVERHEADS.npmCache.value * OVERHEADS.cacheRestore.value;
    expect(estimate.githubSeconds).toBeCloseTo(expected, 1);
  });

  it("prices the corepack enable stand-in at its local seconds, not as a browser install", () => {
    const estimate = estimateJob(
      job("static", [
        {
          name: "Enable pnpm (corepack)",
          result: "success",
          seconds: 0.4,
          note: `local stand-in: ${STAND_INS["corepack enable"]?.why ?? "missing"}`,
        },
      ]),
    );
    expect(estimate.githubSeconds).toBeCloseTo(
      OVERHEADS.runnerStart.value + 0.4,
      5,
    );
  });

  it("takes the critical path over the estimated durations", () => {
    const result = estimatePipeline([
      job("build", [{ name: "b", result: "success", seconds: 20 }]),
      job("e2e", [{ name: "e", result: "success", seconds: 10 }], ["build"]),
      job("unit", [{ name: "u", result: "success", seconds: 25 }]),
    ]);
    expect(result.criticalPath.jobs).toEqual(["build", "e2e"]);
    expect(result.criticalPath.seconds).toBe(
      20 + 10 + 2 * OVERHEADS.runnerStart.value,
    );
  });
});

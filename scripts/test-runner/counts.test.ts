import { describe, expect, it } from "vitest";
import { countsFromCiLocal, countsFromClosingLine } from "./counts";

describe("countsFromClosingLine", () => {
  it("reads a suite's own last line, colours and trailing blank lines aside", () => {
    expect(
      countsFromClosingLine("…\n\x1b[32m290 passed, 1 failed\x1b[0m\n\n"),
    ).toEqual({
      passed: 290,
      failed: 1,
      skipped: 0,
    });
    expect(countsFromClosingLine("3 passed, 0 failed, 2 skipped")).toEqual({
      passed: 3,
      failed: 0,
      skipped: 2,
    });
  });
  it("ignores the form anywhere but the last line", () => {
    expect(countsFromClosingLine("3 passed, 0 failed\ndone")).toBeUndefined();
    expect(countsFromClosingLine("")).toBeUndefined();
  });
});

describe("countsFromCiLocal", () => {
  const logs: Record<string, string> = {
    "unit.log": "vitest …\n290 passed, 0 failed\n",
    "unit-red.log": "vitest …\n289 passed, 1 failed\n",
    "crash.log": "Segmentation fault\n",
    "lint.log": "eslint .\n",
  };
  const read = (file: string) => logs[file];
  const report = (jobs: unknown[]) => ({ jobs });

  it("counts each run: step once and a suite by its own totals; actions and skips not at all", () => {
    expect(
      countsFromCiLocal(
        report([
          {
            id: "static",
            result: "success",
            steps: [
              { result: "success", action: "actions/checkout" },
              { result: "skipped" },
              { result: "success", log: "lint.log" },
            ],
          },
          {
            id: "unit-1",
            result: "success",
            steps: [{ result: "success", log: "unit.log" }],
          },
        ]),
        read,
      ),
    ).toEqual({ passed: 291, failed: 0, skipped: 0 });
  });

  it("never reads a failed step or job as zero failures", () => {
    expect(
      countsFromCiLocal(
        report([
          {
            id: "unit-2",
            result: "failure",
            steps: [{ result: "failure", log: "unit-red.log" }],
          },
          {
            id: "unit-3",
            result: "failure",
            steps: [{ result: "failure", log: "crash.log" }],
          },
          {
            id: "e2e",
            result: "failure",
            steps: [{ result: "failure", action: "actions/download-artifact" }],
          },
          // Failed without a failed step (e.g. a needs it lacks): still one failure.
          { id: "build", result: "failure", steps: [] },
          {
            id: "odd",
            result: "failure",
            steps: [{ result: "failure", log: "unit.log" }],
          },
        ]),
        read,
      ),
    ).toEqual({ passed: 289 + 290, failed: 1 + 1 + 1 + 1 + 1, skipped: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { stageOutcome } from "./stage-outcome.ts";
import { selectStages, stages, type Stage } from "./stages.ts";
import { closingLine } from "./counts.ts";

const unit: Stage = {
  id: "unit",
  script: "test:unit",
  counts: "vitest-json",
  report: "reports/unit.json",
};
const e2e: Stage = {
  id: "e2e",
  script: "test:e2e",
  counts: "playwright-json",
  report: "reports/e2e.json",
};
const lint: Stage = { id: "lint", script: "lint", counts: "exit-code" };
const vitest = (passed: number, failed: number, pending = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: 0,
});

describe("stageOutcome", () => {
  it("counts a green exit-code stage as one passed check", () => {
    expect(stageOutcome(lint, 0, undefined)).toEqual({
      counts: { passed: 1, failed: 0, skipped: 0 },
    });
  });

  it("counts a red exit-code stage as one failed check and names the script", () => {
    const o = stageOutcome(lint, 2, undefined);
    expect(o.counts).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(o.problem).toBe("npm run lint exited 2");
  });

  it("reads vitest counts, including skipped tests", () => {
    expect(stageOutcome(unit, 0, vitest(40, 0, 2)).counts).toEqual({
      passed: 40,
      failed: 0,
      skipped: 2,
    });
  });

  it("reads playwright counts, flaky counted as passed", () => {
    const report = {
      stats: { expected: 3, unexpected: 1, flaky: 1, skipped: 0 },
    };
    expect(stageOutcome(e2e, 1, report).counts).toEqual({
      passed: 4,
      failed: 1,
      skipped: 0,
    });
  });

  it("fails a suite that crashed with a clean report", () => {
    const o = stageOutcome(unit, 1, vitest(5, 0));
    expect(o.counts.failed).toBe(1);
    expect(o.problem).toContain("exited 1");
  });

  it("fails a suite that wrote no report", () => {
    const o = stageOutcome(e2e, 1, undefined);
    expect(o.counts).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(o.problem).toContain("reports/e2e.json");
  });

  it("fails a green suite that ran no test", () => {
    expect(stageOutcome(unit, 0, vitest(0, 0)).problem).toBe(
      "npm run test:unit ran no test",
    );
  });
});

describe("selectStages", () => {
  it("runs everything by default, in order", () => {
    expect(selectStages(stages, [], []).map((s) => s.id)).toEqual(
      stages.map((s) => s.id),
    );
  });

  it("honours --only and --skip", () => {
    expect(
      selectStages(stages, ["lint", "unit"], ["unit"]).map((s) => s.id),
    ).toEqual(["lint"]);
  });

  it("rejects an unknown stage id instead of silently skipping it", () => {
    expect(() => selectStages(stages, ["lnit"], [])).toThrow(
      'unknown stage "lnit"',
    );
  });
});

describe("closingLine", () => {
  it("prints the line CI reads, with skipped only when present", () => {
    expect(closingLine({ passed: 7, failed: 0, skipped: 0 })).toBe(
      "7 passed, 0 failed",
    );
    expect(closingLine({ passed: 7, failed: 1, skipped: 2 })).toBe(
      "7 passed, 1 failed, 2 skipped",
    );
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  BASELINE_FILE,
  incrementalStart,
  reportScore,
  treeFingerprint,
} from "./mutation-baseline";

describe("incrementalStart", () => {
  it("prefers this checkout's own last run over the committed baseline", () => {
    expect(incrementalStart({ working: true, baseline: true }).kind).toBe(
      "working",
    );
  });

  it("seeds a clean clone from the committed baseline", () => {
    expect(incrementalStart({ working: false, baseline: true }).kind).toBe(
      "seed",
    );
  });

  it("runs every mutant when neither exists, and says how to record a baseline", () => {
    const start = incrementalStart({ working: false, baseline: false });
    expect(start.kind).toBe("full");
    expect(start.note).toContain("npm run test:mutation:record");
    expect(start.note).toContain(BASELINE_FILE);
  });
});

describe("treeFingerprint", () => {
  const tree = [
    "100644 aaaa 0\tscripts/a.ts",
    "100644 bbbb 0\tscripts/a.test.ts",
    "100644 cccc 0\t.stryker/baseline.json",
  ].join("\n");

  it("changes with any tracked file's content or name, not with .stryker/ nor the order", () => {
    const base = treeFingerprint(tree);
    expect(treeFingerprint(tree.split("\n").reverse().join("\n"))).toBe(base);
    expect(treeFingerprint(tree.replace("cccc", "dddd"))).toBe(base);
    expect(
      treeFingerprint(`${tree}\n100644 eeee 0\t.stryker/baseline.fingerprint`),
    ).toBe(base);
    expect(treeFingerprint(tree.replace("bbbb", "ffff"))).not.toBe(base);
    expect(treeFingerprint(tree.replace("a.test.ts", "b.test.ts"))).not.toBe(
      base,
    );
    expect(treeFingerprint(`${tree}\n100644 1111 0\tdocs/x.md`)).not.toBe(base);
  });
});

describe("reportScore", () => {
  it("is Stryker's score: killed and timed out over those, survived and no coverage", () => {
    const mutants = (statuses: string[]) =>
      statuses.map((status) => ({ status }));
    const report = {
      thresholds: { high: 95, low: 90, break: 85 },
      files: {
        "a.ts": {
          mutants: mutants(["Killed", "Killed", "Survived", "Ignored"]),
        },
        "b.ts": { mutants: mutants(["Timeout", "NoCoverage", "CompileError"]) },
      },
    };
    expect(reportScore(report)).toEqual({ score: 60, breakAt: 85 });
  });

  it("reads the committed baseline, whose score passes its break threshold", () => {
    const { score, breakAt } = reportScore(
      JSON.parse(readFileSync(BASELINE_FILE, "utf8")),
    );
    expect(score).toBeGreaterThanOrEqual(breakAt ?? 0);
    expect(score).toBeGreaterThan(50);
  });
});

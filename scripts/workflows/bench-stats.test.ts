import { describe, expect, it } from "vitest";
import { benchTable, median, nodeArgsOf } from "./bench-stats";

describe("bench stats", () => {
  it("takes the median of odd and even sample counts", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow("no samples");
  });

  it("prints ratios against the floor and flags targets", () => {
    const table = benchTable([
      { name: "floor", medianMs: 100, ratio: 1 },
      { name: "gen", medianMs: 140, ratio: 1.4, target: 1.5 },
      { name: "check", medianMs: 500, ratio: 5, target: 4 },
    ]);
    expect(table).toContain("1.40× floor  (target ≤ 1.5×: ok)");
    expect(table).toContain("5.00× floor  (target ≤ 4×: OVER)");
  });

  it("times exactly the node command of an npm script", () => {
    expect(
      nodeArgsOf("gen", "node --import './p.mjs?zod' --import tsx g.ts"),
    ).toEqual(["--import", "./p.mjs?zod", "--import", "tsx", "g.ts"]);
    expect(() => nodeArgsOf("gen", "tsx g.ts")).toThrow("scripts.gen");
    // Through the pipeline's bin: node starts the launcher its link points at.
    expect(nodeArgsOf("gen", "typed-cicd gen:workflows")).toEqual([
      "node_modules/.bin/typed-cicd",
      "gen:workflows",
    ]);
  });
});

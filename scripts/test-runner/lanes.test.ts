import { describe, expect, it } from "vitest";
import { lanes } from "./lanes.ts";
import type { Stage } from "./stages.ts";

const stage = (id: string, needs?: string[]): Stage => ({
  id,
  script: id,
  counts: "exit-code",
  ...(needs ? { needs } : {}),
});
const ids = (l: Stage[][]) => l.map((lane) => lane.map((s) => s.id));

describe("lanes", () => {
  it("runs ci-local beside the other stages, which keep their order", () => {
    const selected = [
      stage("ci-local"),
      stage("cloud"),
      stage("build"),
      stage("e2e", ["build"]),
    ];
    expect(ids(lanes(selected, "ci-local"))).toEqual([
      ["ci-local"],
      ["cloud", "build", "e2e"],
    ]);
  });

  it("keeps one lane in the given order without ci-local, or with ci-local alone", () => {
    const plain = [stage("lint"), stage("unit"), stage("build")];
    expect(ids(lanes(plain, "ci-local"))).toEqual([["lint", "unit", "build"]]);
    expect(ids(lanes([stage("ci-local")], "ci-local"))).toEqual([["ci-local"]]);
  });

  it("refuses a stage that needs the stage it would run beside", () => {
    expect(() =>
      lanes([stage("ci-local"), stage("report", ["ci-local"])], "ci-local"),
    ).toThrow(/"report" needs "ci-local"/);
  });
});

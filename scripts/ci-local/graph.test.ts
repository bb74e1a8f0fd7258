import { describe, expect, it } from "vitest";
import {
  criticalPath,
  longestChainFirst,
  schedule,
  topologicalOrder,
  withAncestors,
} from "./graph";

const quality = [
  { id: "drift", needs: [] },
  { id: "static", needs: ["drift"] },
  { id: "unit", needs: ["drift"] },
  { id: "build", needs: ["drift"] },
  { id: "e2e", needs: ["build"] },
];

describe("job graph", () => {
  it("pulls in what a selected job needs, in declaration order", () => {
    expect(withAncestors(quality, ["e2e"])).toEqual(["drift", "build", "e2e"]);
    expect(() => withAncestors(quality, ["nope"])).toThrow(
      /--job nope: no such job/,
    );
  });

  it("starts the head of the longest chain first, otherwise in declaration order", () => {
    expect(longestChainFirst(quality).map((j) => j.id)).toEqual([
      "drift",
      "build",
      "static",
      "unit",
      "e2e",
    ]);
    const flat = quality.map((j) => ({
      ...j,
      needs: j.id === "e2e" ? ["build"] : [],
    }));
    expect(longestChainFirst(flat).map((j) => j.id)).toEqual([
      "build",
      "drift",
      "static",
      "unit",
      "e2e",
    ]);
  });

  it("names a cycle", () => {
    expect(() =>
      topologicalOrder([
        { id: "a", needs: ["b"] },
        { id: "b", needs: ["a"] },
      ]),
    ).toThrow(/cycle: a → b → a/);
  });

  it("finds the longest chain by duration", () => {
    const seconds = new Map([
      ["drift", 26],
      ["static", 40],
      ["unit", 61],
      ["build", 41],
      ["e2e", 38],
    ]);
    expect(criticalPath(quality, seconds)).toEqual({
      seconds: 105,
      jobs: ["drift", "build", "e2e"],
    });
  });

  it("keeps every job of a chain when durations are zero or below the printed precision", () => {
    expect(criticalPath(quality, new Map())).toEqual({
      seconds: 0,
      jobs: ["drift", "build", "e2e"],
    });
    const chain = [
      { id: "make", needs: [] },
      { id: "use", needs: ["make"] },
    ];
    expect(criticalPath(chain, new Map([["use", 0.004]]))).toEqual({
      seconds: 0.004,
      jobs: ["make", "use"],
    });
    expect(criticalPath(chain, new Map([["make", 0.01]]))).toEqual({
      seconds: 0.01,
      jobs: ["make", "use"],
    });
  });

  it("breaks ties by the longer chain, then by declaration order", () => {
    const equal = new Map(quality.map((j) => [j.id, 10]));
    // drift → build → e2e is longer than drift → static at equal seconds only by its length.
    expect(criticalPath(quality, equal)).toEqual({
      seconds: 30,
      jobs: ["drift", "build", "e2e"],
    });
    const twins = [
      { id: "a", needs: [] },
      { id: "b", needs: [] },
      { id: "join", needs: ["b", "a"] },
    ];
    const same = new Map([
      ["a", 5],
      ["b", 5],
    ]);
    // The first need listed wins a tie, whatever order the jobs were declared in.
    expect(criticalPath(twins, same).jobs).toEqual(["b", "join"]);
    expect(criticalPath([...twins].reverse(), same).jobs).toEqual([
      "b",
      "join",
    ]);
    expect(
      criticalPath(
        [
          { id: "x", needs: [] },
          { id: "y", needs: [] },
        ],
        new Map([
          ["x", 3],
          ["y", 3],
        ]),
      ).jobs,
    ).toEqual(["x"]);
  });

  it("starts a job only after its needs, at most `parallel` at once", async () => {
    const events: string[] = [];
    let running = 0;
    let peak = 0;
    await schedule(quality, 2, async (id) => {
      events.push(`start ${id}`);
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      events.push(`end ${id}`);
    });
    expect(peak).toBe(2);
    expect(events.indexOf("start e2e")).toBeGreaterThan(
      events.indexOf("end build"),
    );
    expect(events.indexOf("start static")).toBeGreaterThan(
      events.indexOf("end drift"),
    );
  });
});

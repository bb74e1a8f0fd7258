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

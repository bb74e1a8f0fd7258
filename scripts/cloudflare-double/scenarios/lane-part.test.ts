import { describe, expect, it } from "vitest";
import { lanesOfPart } from "./lane-part";

describe("lanesOfPart", () => {
  const lanes = ["a", "b", "c", "d"];

  it("puts every lane in exactly one part, keeping each lane's own number", () => {
    const parts = [1, 2, 3].map((index) =>
      lanesOfPart(lanes, { index, count: 3 }),
    );
    expect(parts).toEqual([
      [
        { lane: "a", index: 0 },
        { lane: "d", index: 3 },
      ],
      [{ lane: "b", index: 1 }],
      [{ lane: "c", index: 2 }],
    ]);
  });

  it("runs all lanes as the single part 1/1", () => {
    expect(
      lanesOfPart(lanes, { index: 1, count: 1 }).map((l) => l.lane),
    ).toEqual(lanes);
  });

  it("leaves a part empty when there are more parts than lanes", () => {
    expect(lanesOfPart(["a"], { index: 2, count: 2 })).toEqual([]);
  });
});

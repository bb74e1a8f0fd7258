import { describe, expect, it } from "vitest";
import {
  ambiguousFilters,
  durationsFromVitestJson,
  FILE_OVERHEAD_SECONDS,
  parseShard,
  partition,
} from "./unit-shard";

const files = ["a.test.ts", "b.test.ts", "c.test.ts", "d.test.ts", "e.test.ts"];

describe("partition", () => {
  it("puts every file in exactly one shard", () => {
    for (const count of [1, 2, 3, 7]) {
      const shards = partition(files, { "a.test.ts": 9 }, count);
      expect(shards).toHaveLength(count);
      expect(shards.flatMap((s) => s.files).sort()).toEqual(files);
    }
  });

  it("balances by recorded time, longest first", () => {
    const shards = partition(
      files,
      {
        "a.test.ts": 10,
        "b.test.ts": 6,
        "c.test.ts": 5,
        "d.test.ts": 4,
        "e.test.ts": 1,
      },
      2,
    );
    // a → 1; b → 2; c → 2 (lighter); d → 1; e → 2.
    expect(shards.map((s) => s.files)).toEqual([
      ["a.test.ts", "d.test.ts"],
      ["b.test.ts", "c.test.ts", "e.test.ts"],
    ]);
    expect(shards[0]?.seconds).toBeCloseTo(14 + 2 * FILE_OVERHEAD_SECONDS);
    expect(shards[1]?.seconds).toBeCloseTo(12 + 3 * FILE_OVERHEAD_SECONDS);
  });

  it("weighs a file the record does not know as the mean, so it is never dropped", () => {
    const shards = partition(
      ["new.test.ts", "a.test.ts", "b.test.ts", "c.test.ts"],
      { "a.test.ts": 1, "b.test.ts": 3, "c.test.ts": 100 },
      2,
    );
    const withNew = shards.find((s) => s.files.includes("new.test.ts"));
    expect(withNew?.files).toContain("new.test.ts");
    expect(shards.find((s) => s.files.includes("c.test.ts"))?.files).toEqual([
      "c.test.ts",
    ]);
  });

  it("is the same for the same inputs", () => {
    const d = { "b.test.ts": 2, "d.test.ts": 2 };
    expect(partition(files, d, 3)).toEqual(
      partition([...files].reverse(), d, 3),
    );
  });
});

describe("parseShard", () => {
  it("reads I/N", () => {
    expect(parseShard("2/3", "UNIT_SHARD")).toEqual({ index: 2, count: 3 });
  });
  it.each(["0/3", "4/3", "1/0", "one/3", "", "1-3"])(
    "names the source and the form for %j",
    (text) => {
      expect(() => parseShard(text, "UNIT_SHARD")).toThrow(
        `UNIT_SHARD: "${text}" — give INDEX/COUNT with 1 ≤ INDEX ≤ COUNT, e.g. 1/3`,
      );
    },
  );
});

describe("durationsFromVitestJson", () => {
  it("keys seconds by the repository's file, whatever checkout wrote the report", () => {
    expect(
      durationsFromVitestJson(
        {
          testResults: [
            {
              name: "/tmp/ci4/scripts/x.test.ts",
              startTime: 1000,
              endTime: 3450,
            },
            { name: "/elsewhere/gone.test.ts", startTime: 0, endTime: 10 },
            { name: "/tmp/ci4/src/y.test.ts" },
          ],
        },
        ["scripts/x.test.ts", "src/y.test.ts"],
      ),
    ).toEqual({ "scripts/x.test.ts": 2.5 });
  });
});

describe("ambiguousFilters", () => {
  it("finds a file name vitest would also match inside another path", () => {
    expect(
      ambiguousFilters(["a/x.test.ts", "b/a/x.test.ts", "c.test.ts"]),
    ).toEqual([["a/x.test.ts", "b/a/x.test.ts"]]);
    expect(ambiguousFilters(["src/A.test.ts", "x/src/a.test.ts"])).toEqual([
      ["src/A.test.ts", "x/src/a.test.ts"],
    ]);
    expect(ambiguousFilters(files)).toEqual([]);
  });
});

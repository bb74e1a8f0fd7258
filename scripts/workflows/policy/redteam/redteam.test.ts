/**
 * The third red team as a test: every attack is reported under its rule, its fixed twin and every
 * safe workflow audit clean. The counts before policy v3 are in baseline-v2.txt.
 */
import { describe, expect, it } from "vitest";
import { CASES } from "./cases";
import { judge } from "./judge";
import { SAFE } from "./safe";

describe("red team v3", () => {
  it("has at least 40 attacks across every class", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.cls)).size).toBe(4);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(`${c.cls} ${c.id}: ${c.rule} stops the attack, the fixed twin passes`, () => {
      expect(judge(c.attack).map((line) => line.split(" ")[1])).toContain(
        c.rule,
      );
      expect(judge(c.fixed)).toEqual([]);
    });
  }

  for (const s of SAFE) {
    it(`passes the safe workflow ${s.id}`, () => {
      expect(judge({ yaml: s.yaml })).toEqual([]);
    });
  }
});

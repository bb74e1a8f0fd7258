/**
 * The third red team (issue 22) as a test: every attack is reported under its rule, its fixed twin
 * and every safe workflow audit clean. What the policy v2 audit made of the same cases is in
 * baseline-v2.txt (5 of 73 caught, 6 of 7 safe refused).
 */
import { describe, expect, it } from "vitest";
import { CASES, repoFiles, SAFE } from "./fixtures/redteam";
import { judge } from "./judge";

const base = repoFiles();

describe("red team v3", () => {
  it("has at least 40 attacks across every class", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.cls)).size).toBe(4);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(`${c.cls} ${c.id}: ${c.rule} stops the attack, the fixed twin passes`, () => {
      expect(judge(c.attack, base).map((line) => line.split(" ")[1])).toContain(
        c.rule,
      );
      expect(judge(c.fixed, base)).toEqual([]);
    });
  }

  for (const s of SAFE) {
    it(`passes the safe workflow ${s.id}`, () => {
      expect(judge({ yaml: s.yaml }, base)).toEqual([]);
    });
  }
});

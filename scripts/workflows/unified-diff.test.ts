import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./unified-diff";

const labels = { from: "a", to: "b" };

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("x\n", "x\n", labels)).toBe("");
  });

  it("shows a change with its context and hunk positions", () => {
    const before =
      ["1", "2", "3", "4", "5", "6", "7", "8", "9"].join("\n") + "\n";
    const after = before.replace("5", "five");
    expect(unifiedDiff(before, after, labels)).toBe(
      [
        "--- a",
        "+++ b",
        "@@ -2,7 +2,7 @@",
        " 2",
        " 3",
        " 4",
        "-5",
        "+five",
        " 6",
        " 7",
        " 8",
      ].join("\n"),
    );
  });

  it("splits distant changes into separate hunks", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `l${i}`);
    const after = lines.map((l) => (l === "l2" || l === "l25" ? `${l}!` : l));
    const diff = unifiedDiff(lines.join("\n"), after.join("\n"), labels);
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain("@@ -23,7 +23,7 @@");
  });
});

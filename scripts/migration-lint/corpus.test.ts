import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatScore, ratio, readExpected, scoreCorpus } from "./corpus-score";

const root = join(import.meta.dirname, "corpus");

describe("real-world corpus (corpus/SOURCES.md)", () => {
  it("reads judged findings without their comments", () => {
    expect(
      readExpected("# heading\n0001_x.sql:3 drop-table  # why\n\n"),
    ).toEqual(["0001_x.sql:3 drop-table"]);
  });

  it("reaches 95 % precision and 98 % recall on every judged finding, and prints both per rule", () => {
    const result = scoreCorpus(root);
    console.log(
      `migration-lint corpus: ${result.files} files\n${formatScore(result)}` +
        (result.wrong.length > 0 ? `\nwrong: ${result.wrong.join(", ")}` : "") +
        (result.missed.length > 0
          ? `\nmissed: ${result.missed.join(", ")}`
          : ""),
    );
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const s of result.byRule.values()) {
      tp += s.truePositives;
      fp += s.falsePositives;
      fn += s.falseNegatives;
    }
    expect(ratio(tp, tp + fp)).toBeGreaterThanOrEqual(0.95);
    expect(ratio(tp, tp + fn)).toBeGreaterThanOrEqual(0.98);
    expect(result.files).toBeGreaterThanOrEqual(50);
  });

  it("lists a source with commit and licence for every corpus folder", () => {
    const sources = readFileSync(join(root, "SOURCES.md"), "utf8");
    for (const name of [
      "sonicjs",
      "lacuna",
      "wesbos",
      "atidone",
      "nuxthub-playground",
      "cloudflare-saas-admin",
      "workers-sdk-vitest-d1",
      "authjs-d1",
    ])
      expect(sources).toMatch(
        new RegExp(`\\|\\s*${name}\\s*\\|[^|]+\\|\\s*[0-9a-f]{40}\\s*\\|`),
      );
  });
});

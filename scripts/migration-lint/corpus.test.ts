import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatFileScore,
  formatScore,
  ratio,
  readExpected,
  readJudged,
  scoreCorpus,
} from "./corpus-score";

const root = join(import.meta.dirname, "corpus");

describe("real-world corpus (corpus/SOURCES.md)", () => {
  it("reads judged findings without their comments", () => {
    expect(
      readExpected("# heading\n0001_x.sql:3 drop-table  # why\n\n"),
    ).toEqual(["0001_x.sql:3 drop-table"]);
  });

  it("reads per-file verdicts and refuses anything but harmful, harmless or schema", () => {
    expect([
      ...readJudged(
        "# x\n0000_s.sql schema\n0001_a.sql harmful  # why\n0002_b.sql harmless\n",
      ),
    ]).toEqual([
      ["0000_s.sql", "schema"],
      ["0001_a.sql", "harmful"],
      ["0002_b.sql", "harmless"],
    ]);
    expect(() => readJudged("0001_a.sql maybe\n")).toThrow(
      /harmful, harmless or schema/,
    );
  });

  const result = scoreCorpus(root);

  it("has a verdict for every file of at least 12 repositories", () => {
    expect(result.byFile.unjudged).toEqual([]);
    expect(result.sets).toBeGreaterThanOrEqual(12);
  });

  it("blocks judged-harmful files at 98 % recall and 95 % precision per file", () => {
    console.log(`migration-lint corpus\n${formatFileScore(result)}`);
    const s = result.byFile;
    expect(
      ratio(s.truePositives, s.truePositives + s.falseNegatives),
    ).toBeGreaterThanOrEqual(0.98);
    expect(
      ratio(s.truePositives, s.truePositives + s.falsePositives),
    ).toBeGreaterThanOrEqual(0.95);
  });

  it("reaches 98 % recall on every judged finding, and prints precision and recall per rule", () => {
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
    // Per finding (rule and line), precision is below the per-file goal: in the three homarr files
    // D1 rejects outright (BEGIN/COMMIT inside), the static rules' findings stand for what the file
    // would do once fixed, while the judgement counts only the rejection. Measured 87.7 %; this
    // floor catches regressions, the per-file test above holds the goal.
    expect(ratio(tp, tp + fp)).toBeGreaterThanOrEqual(0.85);
    expect(ratio(tp, tp + fn)).toBeGreaterThanOrEqual(0.98);
    expect(result.files).toBeGreaterThanOrEqual(50);
  });

  it("lists a source with commit and licence for every corpus folder", () => {
    const sources = readFileSync(join(root, "SOURCES.md"), "utf8");
    for (const name of [
      "atuin-client",
      "shiori",
      "homarr",
      "diesel-relations",
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

/**
 * The held-out corpus (corpus-held-out/SOURCES.md): real repositories' migrations judged by an
 * independent judge before the gate ran on them. The gate's per-file decision is scored against
 * those verdicts at the issue's goals; per-rule figures are printed for the report.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatFileScore,
  formatRuleFileScore,
  ratio,
  scoreCorpus,
} from "./corpus-score";

const root = join(import.meta.dirname, "corpus-held-out");

describe("held-out corpus (corpus-held-out/SOURCES.md)", () => {
  const result = scoreCorpus(root);

  it("has a verdict for every file, a source with commit and licence for every folder", () => {
    expect(result.byFile.unjudged).toEqual([]);
    const sources = readFileSync(join(root, "SOURCES.md"), "utf8");
    const folders = readdirSync(root, { withFileTypes: true }).filter((e) =>
      e.isDirectory(),
    );
    expect(folders.length).toBeGreaterThanOrEqual(6);
    for (const { name } of folders)
      expect(sources).toMatch(
        new RegExp(`\\|\\s*${name}\\s*\\|[^|]+\\|\\s*[0-9a-f]{40}\\s*\\|`),
      );
  });

  it("blocks judged-harmful files at 98 % recall and 95 % precision per file, and prints the score per rule", () => {
    console.log(
      `migration-lint held-out corpus\n${formatFileScore(result)}\n${formatRuleFileScore(result)}`,
    );
    const s = result.byFile;
    expect(s.harmful).toBeGreaterThanOrEqual(20);
    expect(
      ratio(s.truePositives, s.truePositives + s.falseNegatives),
    ).toBeGreaterThanOrEqual(0.98);
    expect(
      ratio(s.truePositives, s.truePositives + s.falsePositives),
    ).toBeGreaterThanOrEqual(0.95);
  });
});

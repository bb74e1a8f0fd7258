import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "./finding";
import { lintMigrations } from "./lint-migrations";
import { listMigrationFiles } from "./migration-files";

/** Per rule: findings judged right, findings judged wrong, and judged findings the gate missed. */
export interface RuleScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface CorpusScore {
  readonly byRule: ReadonlyMap<string, RuleScore>;
  /** "set/file:line rule" of every wrong or missed finding, for the report. */
  readonly wrong: readonly string[];
  readonly missed: readonly string[];
  readonly files: number;
}

/** `file:line rule` lines of an expected.txt, without comments. */
export function readExpected(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter((line) => line !== "")
    .map((line) => line.split(/\s+/).slice(0, 2).join(" "));
}

const key = (finding: Finding): string =>
  `${finding.file}:${finding.line} ${finding.rule}`;

/**
 * Lints every migration set under `root` (one folder per repository, each with the judged
 * findings in expected.txt) and scores the gate's findings against the judgement, as multisets.
 */
export function scoreCorpus(root: string): CorpusScore {
  const byRule = new Map<string, RuleScore>();
  const score = (rule: string): RuleScore => {
    const existing = byRule.get(rule);
    if (existing !== undefined) return existing;
    const fresh = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
    byRule.set(rule, fresh);
    return fresh;
  };
  const wrong: string[] = [];
  const missed: string[] = [];
  let files = 0;
  const sets = readdirSync(root, { withFileTypes: true }).filter((e) =>
    e.isDirectory(),
  );
  for (const set of sets) {
    const dir = join(root, set.name);
    const paths = listMigrationFiles(dir);
    files += paths.length;
    const sources = paths.map((path) => ({
      file: path.slice(dir.length + 1),
      sql: readFileSync(path, "utf8"),
    }));
    const actual = lintMigrations(sources).findings.map(key);
    const expected = readExpected(
      readFileSync(join(dir, "expected.txt"), "utf8"),
    );
    const remaining = [...expected];
    for (const found of actual) {
      const rule = found.split(" ")[1] ?? "";
      const at = remaining.indexOf(found);
      if (at === -1) {
        score(rule).falsePositives += 1;
        wrong.push(`${set.name}/${found}`);
      } else {
        remaining.splice(at, 1);
        score(rule).truePositives += 1;
      }
    }
    for (const left of remaining) {
      score(left.split(" ")[1] ?? "").falseNegatives += 1;
      missed.push(`${set.name}/${left}`);
    }
  }
  return { byRule, wrong, missed, files };
}

export function ratio(hits: number, total: number): number {
  return total === 0 ? 1 : hits / total;
}

/** A table of precision and recall per rule, and in total. */
export function formatScore(result: CorpusScore): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  const lines = ["rule                      TP  FP  FN  precision  recall"];
  const total = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const [rule, s] of [...result.byRule].sort()) {
    total.truePositives += s.truePositives;
    total.falsePositives += s.falsePositives;
    total.falseNegatives += s.falseNegatives;
    lines.push(
      `${rule.padEnd(24)} ${String(s.truePositives).padStart(3)} ${String(s.falsePositives).padStart(3)} ${String(s.falseNegatives).padStart(3)}  ${pct(ratio(s.truePositives, s.truePositives + s.falsePositives)).padStart(9)}  ${pct(ratio(s.truePositives, s.truePositives + s.falseNegatives)).padStart(7)}`,
    );
  }
  lines.push(
    `${"all".padEnd(24)} ${String(total.truePositives).padStart(3)} ${String(total.falsePositives).padStart(3)} ${String(total.falseNegatives).padStart(3)}  ${pct(ratio(total.truePositives, total.truePositives + total.falsePositives)).padStart(9)}  ${pct(ratio(total.truePositives, total.truePositives + total.falseNegatives)).padStart(7)}`,
  );
  return lines.join("\n");
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "./finding";
import { failing, lintMigrations } from "./lint-migrations";
import { listMigrationFiles } from "./migration-files";

/** Per rule: findings judged right, findings judged wrong, and judged findings the gate missed. */
export interface RuleScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** The gate's decision per file (block or let through) against the judged verdict. */
export interface FileScore {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  readonly harmful: number;
  /** "set/file" of harmless files the gate blocks, and harmful files it lets through. */
  readonly falseAlarms: readonly string[];
  readonly letThrough: readonly string[];
  /** "set/file" of migration files judged.txt has no verdict for. */
  readonly unjudged: readonly string[];
}

/** Per rule, per file: how many harmful and harmless files a blocking finding of that rule blocks. */
export interface RuleFileScore {
  harmful: number;
  harmless: number;
}

export interface CorpusScore {
  /** Finding-level score, from the sets that judge findings (expected.txt). */
  readonly byRule: ReadonlyMap<string, RuleScore>;
  readonly byRuleFile: ReadonlyMap<string, RuleFileScore>;
  readonly byFile: FileScore;
  /** Repositories (folders) in the corpus. */
  readonly sets: number;
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

/**
 * A judged.txt verdict: harmful or harmless, or `schema` for a file that only builds the schema
 * the judged ones run on (a held-out set judges a repository's later files, not its first).
 */
export type Verdict = "harmful" | "harmless" | "schema";

/** `file verdict` lines of a judged.txt. */
export function readJudged(text: string): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const line of text.split("\n")) {
    const [file, verdict] = line.replace(/#.*$/, "").trim().split(/\s+/);
    if (file === undefined || file === "") continue;
    if (verdict !== "harmful" && verdict !== "harmless" && verdict !== "schema")
      throw new Error(
        `judged.txt: "${line}" needs harmful, harmless or schema`,
      );
    verdicts.set(file, verdict);
  }
  return verdicts;
}

const key = (finding: Finding): string =>
  `${finding.file}:${finding.line} ${finding.rule}`;

/**
 * Lints every migration set under `root` (one folder per repository) and scores the gate's decision
 * per file against judged.txt, and, where a set also judges findings (expected.txt), its findings
 * against that judgement, as multisets.
 */
export function scoreCorpus(root: string): CorpusScore {
  const byRuleFile = new Map<string, RuleFileScore>();
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
  const byFile = {
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
    harmful: 0,
    falseAlarms: [] as string[],
    letThrough: [] as string[],
    unjudged: [] as string[],
  };
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
    const findings = lintMigrations(sources).findings;
    const actual = findings.map(key);
    const judged = readJudged(readFileSync(join(dir, "judged.txt"), "utf8"));
    const blocking = failing(findings);
    const blocked = new Set(blocking.map((f) => f.file));
    for (const { file } of sources) {
      const verdict = judged.get(file);
      const name = `${set.name}/${file}`;
      if (verdict === undefined) byFile.unjudged.push(name);
      if (verdict === "schema") continue;
      const harmful = verdict === "harmful";
      if (harmful) byFile.harmful += 1;
      for (const rule of new Set(
        blocking.filter((f) => f.file === file).map((f) => f.rule),
      )) {
        const counts = byRuleFile.get(rule) ?? { harmful: 0, harmless: 0 };
        if (harmful) counts.harmful += 1;
        else counts.harmless += 1;
        byRuleFile.set(rule, counts);
      }
      if (blocked.has(file)) {
        if (harmful) byFile.truePositives += 1;
        else {
          byFile.falsePositives += 1;
          byFile.falseAlarms.push(name);
        }
      } else if (harmful) {
        byFile.falseNegatives += 1;
        byFile.letThrough.push(name);
      } else byFile.trueNegatives += 1;
    }
    const expectedFile = join(dir, "expected.txt");
    if (!existsSync(expectedFile)) continue;
    const expected = readExpected(readFileSync(expectedFile, "utf8"));
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
  return {
    byRule,
    byRuleFile,
    byFile,
    sets: sets.length,
    wrong,
    missed,
    files,
  };
}

export function ratio(hits: number, total: number): number {
  return total === 0 ? 1 : hits / total;
}

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;

/** Per file: the gate blocks a file or lets it through; precision and recall of that decision. */
export function formatFileScore(result: CorpusScore): string {
  const s = result.byFile;
  return [
    `per file: ${result.sets} repositories, ${result.files} files, ${s.truePositives + s.falsePositives + s.falseNegatives + s.trueNegatives} judged, ${s.harmful} of them harmful`,
    `  blocked harmful ${s.truePositives}, blocked harmless ${s.falsePositives}, let through harmful ${s.falseNegatives}, let through harmless ${s.trueNegatives}`,
    `  precision ${pct(ratio(s.truePositives, s.truePositives + s.falsePositives))}, recall ${pct(ratio(s.truePositives, s.truePositives + s.falseNegatives))}`,
    ...(s.falseAlarms.length > 0
      ? [`  false alarms: ${s.falseAlarms.join(", ")}`]
      : []),
    ...(s.letThrough.length > 0
      ? [`  let through: ${s.letThrough.join(", ")}`]
      : []),
  ].join("\n");
}

/**
 * Per rule, per file: the files a blocking finding of each rule blocks, harmful and harmless, and
 * that rule's precision as a reason to block (a file blocked by two rules counts for both).
 */
export function formatRuleFileScore(result: CorpusScore): string {
  const lines = ["rule (files it blocks)    harmful  harmless  precision"];
  for (const [rule, s] of [...result.byRuleFile].sort()) {
    lines.push(
      `${rule.padEnd(24)} ${String(s.harmful).padStart(8)} ${String(s.harmless).padStart(9)}  ${pct(ratio(s.harmful, s.harmful + s.harmless)).padStart(9)}`,
    );
  }
  return lines.join("\n");
}

/** A table of precision and recall per rule, and in total. */
export function formatScore(result: CorpusScore): string {
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

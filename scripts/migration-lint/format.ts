import { annotation } from "../deploy/github-io";
import type { Finding } from "./finding";

export function formatFinding(finding: Finding): string {
  const where = `${finding.file}:${finding.line} ${finding.rule}`;
  if (finding.allowedBecause !== undefined)
    return `${where} allowed: ${finding.allowedBecause} (${finding.message})`;
  return `${where} ${finding.message} — ${finding.fix}`;
}

export function formatAnnotation(finding: Finding): string {
  return annotation("error", `${finding.message} — ${finding.fix}`, {
    file: finding.file,
    line: finding.line,
    title: `migration-lint ${finding.rule}`,
  });
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

export function formatSummary(
  findings: readonly Finding[],
  fileCount: number,
): string {
  const failing = findings.filter(
    (finding) => finding.allowedBecause === undefined,
  );
  const heading = `### Migration lint: ${failing.length === 0 ? "passed" : `${failing.length} finding(s)`}`;
  const intro = `${fileCount} migration file(s) checked, ${findings.length - failing.length} allowed finding(s).`;
  if (findings.length === 0) return `${heading}\n\n${intro}\n`;
  const rows = findings.map(
    (f) =>
      `| ${cell(`${f.file}:${f.line}`)} | ${f.rule} | ${f.allowedBecause === undefined ? "❌" : `allowed: ${cell(f.allowedBecause)}`} | ${cell(f.message)} | ${cell(f.fix)} |`,
  );
  return [
    heading,
    "",
    intro,
    "",
    "| Where | Rule | Status | Finding | Fix |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

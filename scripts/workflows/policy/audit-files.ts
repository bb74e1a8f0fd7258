/**
 * The audit over a set of files: bad input (unreadable, not YAML) kept apart from findings so the
 * CLI can exit 2 for the one and 1 for the other. Findings of a local action reached from several
 * workflows are reported once.
 */
import type { Problem } from "../problem";
import { auditFile } from "./audit";
import type { PolicyContext } from "./context";

export type AuditInput =
  | { readonly file: string; readonly content: string }
  | { readonly file: string; readonly error: string };

export interface AuditOutcome {
  readonly bad: readonly Problem[];
  readonly findings: readonly Problem[];
}

/** `file:line rule-id message` — what the audit prints per finding. */
export function formatFinding(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where} ${problem.rule} ${problem.message}`;
}

export function auditFiles(
  inputs: readonly AuditInput[],
  ctx: PolicyContext,
): AuditOutcome {
  const bad: Problem[] = [];
  const findings: Problem[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if ("error" in input) {
      bad.push({ file: input.file, rule: "unreadable", message: input.error });
      continue;
    }
    const result = auditFile(input.file, input.content, ctx);
    if (!result.ok) {
      bad.push(result.problem);
      continue;
    }
    for (const finding of result.findings) {
      const key = formatFinding(finding);
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  return { bad, findings };
}

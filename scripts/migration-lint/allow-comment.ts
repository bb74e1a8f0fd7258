import type { RuleFinding } from "./finding";
import { isRuleId, type RuleId } from "./rule-ids";
import type { Token } from "./tokenize";

export interface AllowDirective {
  readonly rule: RuleId;
  readonly reason: string;
  readonly line: number;
}

export interface AllowParse {
  readonly allows: readonly AllowDirective[];
  /** Problems with the directives themselves (no reason, unknown rule). */
  readonly findings: readonly RuleFinding[];
}

const marker = /^\s*migration-lint:\s*(.*?)\s*$/s;
const allowShape = /^allow\s+([A-Za-z0-9_-]+)\s*(?::\s*(.*))?$/s;

/** Reads `-- migration-lint: allow <rule-id>: <reason>` comments; other comments are ignored. */
export function parseAllowComments(comments: readonly Token[]): AllowParse {
  const allows: AllowDirective[] = [];
  const findings: RuleFinding[] = [];
  for (const comment of comments) {
    const body = marker.exec(comment.value)?.[1];
    if (body === undefined) continue;
    const shape = allowShape.exec(body);
    const rule = shape?.[1] ?? "";
    const reason = shape?.[2]?.trim() ?? "";
    if (shape === null || !isRuleId(rule)) {
      findings.push({
        line: comment.line,
        rule: "allow-unknown-rule",
        message: `"migration-lint: ${body}" does not name a known rule`,
        fix: `write "-- migration-lint: allow <rule-id>: <reason>" with a rule id printed by this gate`,
      });
    } else if (reason === "") {
      findings.push({
        line: comment.line,
        rule: "allow-without-reason",
        message: `allow ${rule} gives no reason, so reviewers cannot tell why the risk is acceptable`,
        fix: `write "-- migration-lint: allow ${rule}: <why this is safe>"`,
      });
    } else {
      allows.push({ rule, reason, line: comment.line });
    }
  }
  return { allows, findings };
}

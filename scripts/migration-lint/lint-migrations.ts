import { parseAllowComments } from "./allow-comment";
import type { Finding, RuleFinding } from "./finding";
import { parseStatement } from "./parse-statement";
import type { ParsedStatement } from "./parsed-statement";
import { unallowableRules } from "./rule-ids";
import { statementRules } from "./rules/index";
import { applyStatement, emptySchema, type Schema } from "./schema";
import { splitStatements } from "./split-statements";
import { tokenize } from "./tokenize";

export interface MigrationSource {
  /** The path printed in findings. */
  readonly file: string;
  readonly sql: string;
}

export interface LintResult {
  readonly findings: readonly Finding[];
  readonly schema: Schema;
}

function lintFile(source: MigrationSource, schemaBefore: Schema): LintResult {
  const lexed = tokenize(source.sql);
  const entries = splitStatements(lexed.tokens).map((statement) => ({
    ...statement,
    parsed: parseStatement(statement),
  }));
  const parsed: ParsedStatement[] = entries.map((entry) => entry.parsed);
  const findings: Finding[] = [];
  let schema = schemaBefore;
  for (const [
    index,
    { parsed: statement, line, comments },
  ] of entries.entries()) {
    const context = { statement, statements: parsed, index, line, schema };
    const raised: RuleFinding[] = statementRules.flatMap((rule) =>
      rule(context),
    );
    const { allows, findings: directiveFindings } =
      parseAllowComments(comments);
    for (const finding of raised) {
      const allow = unallowableRules.has(finding.rule)
        ? undefined
        : allows.find((a) => a.rule === finding.rule);
      findings.push({
        ...finding,
        file: source.file,
        ...(allow ? { allowedBecause: allow.reason } : {}),
      });
    }
    for (const finding of directiveFindings)
      findings.push({ ...finding, file: source.file });
    schema = applyStatement(schema, statement);
  }
  if (lexed.error !== undefined) {
    findings.push({
      file: source.file,
      line: lexed.error.line,
      rule: "parse-error",
      message: `cannot read the file from here on: ${lexed.error.message}`,
      fix: "close the quote or comment that starts on this line",
    });
  }
  return { findings: findings.sort((a, b) => a.line - b.line), schema };
}

/** Lints migrations in apply order, carrying the schema from each file into the next. */
export function lintMigrations(
  sources: readonly MigrationSource[],
  schema: Schema = emptySchema,
): LintResult {
  const findings: Finding[] = [];
  let current = schema;
  for (const source of sources) {
    const result = lintFile(source, current);
    findings.push(...result.findings);
    current = result.schema;
  }
  return { findings, schema: current };
}

export function failing(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.allowedBecause === undefined);
}

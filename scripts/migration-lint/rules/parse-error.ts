import type { Rule } from "./rule";

export const parseError: Rule = (context) => {
  const { statement } = context;
  if (statement.kind !== "parse-error") return [];
  return [
    {
      line: statement.line,
      rule: "parse-error",
      message: `cannot read this statement: ${statement.message}`,
      fix: `fix the SQL (quotes, parentheses, keywords); if SQLite accepts it as written, annotate with "-- migration-lint: allow parse-error: <reason>"`,
    },
  ];
};

/**
 * Splits a SQL text into statements the way D1's query endpoint does before running them one by
 * one. node:sqlite's \`prepare\` takes one statement, and D1 answers one result per statement, so
 * the double needs the statements, not just \`exec\`. The gate's tokenizer and splitter (one reading
 * of SQL in this repository), without drizzle's breakpoints, which D1 reads as comments.
 */
import { splitStatements } from "../migration-lint/split-statements";
import { tokenize } from "../migration-lint/tokenize";

export function splitSql(sql: string): string[] {
  const { tokens, error } = tokenize(sql);
  // An unterminated string or comment: SQLite itself reports it, as D1 would.
  if (error !== undefined) return sql.trim() === "" ? [] : [sql.trim()];
  const comments = tokens.filter((t) => t.kind === "comment");
  let previousEnd = 0;
  return splitStatements(tokens, { breakpoints: false }).map((statement) => {
    // Comments between the previous statement and this one stay with this one, as D1 passes them
    // to SQLite.
    const leading = comments.find(
      (c) => c.start >= previousEnd && c.start < statement.start,
    );
    previousEnd = statement.end;
    return sql.slice(leading?.start ?? statement.start, statement.end);
  });
}

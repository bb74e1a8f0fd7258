import { parseStatement } from "./parse-statement";
import type { ParsedStatement } from "./parsed-statement";
import { splitStatements } from "./split-statements";
import { tokenize } from "./tokenize";

/** Parses every statement of a SQL text; a helper for tests. */
export function parseAll(sql: string): ParsedStatement[] {
  return splitStatements(tokenize(sql).tokens).map(parseStatement);
}

export function parseOne(sql: string): ParsedStatement {
  const [statement] = parseAll(sql);
  if (statement === undefined) throw new Error(`no statement in ${sql}`);
  return statement;
}

import { tokenize } from "../tokenize";
import type { ReplayFinding } from "./judge";
import type { TableSnapshot } from "./snapshot";

interface Source {
  readonly index: number;
  readonly text: string;
}

/**
 * D1 keeps double-quoted string literals on: in `INSERT INTO __new_t (…, "kind") SELECT …, "kind"
 * FROM t`, a "kind" that names no column of t is the text 'kind', written into every copied row
 * without an error. After the file, a column holding its own name as text, where an INSERT of the
 * file wrote that name in double quotes, is such a literal.
 */
export function dqsLiterals(
  end: ReadonlyMap<string, TableSnapshot>,
  statements: readonly Source[],
): ReplayFinding[] {
  const quotedIn = new Map<string, number>();
  for (const { index, text } of statements) {
    if (!/^\s*(INSERT|REPLACE|WITH)\b/i.test(text)) continue;
    for (const token of tokenize(text).tokens)
      if (token.kind === "identifier" && text.charAt(token.start) === '"')
        quotedIn.set(token.value, quotedIn.get(token.value) ?? index);
  }
  if (quotedIn.size === 0) return [];
  const findings: ReplayFinding[] = [];
  for (const { table, rows } of end.values()) {
    for (const column of table.columns) {
      const index = quotedIn.get(column.name);
      if (index === undefined) continue;
      const literal = rows.filter((row) => row[column.name] === column.name);
      if (literal.length === 0) continue;
      findings.push({
        index,
        rule: "values-changed",
        message: `${table.name}.${column.name}: ${literal.length} of ${rows.length} rows hold the text '${column.name}' — "${column.name}" names no column where the INSERT … SELECT reads it, and D1 (double-quoted string literals on) copies the name itself instead of failing`,
        fix: `select a column that exists (or NULL, or the new column's default) instead of "${column.name}"; quote identifiers with backticks so SQLite reports a missing column; or annotate with "-- migration-lint: allow values-changed: <reason>"`,
      });
    }
  }
  return findings;
}

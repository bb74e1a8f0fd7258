import { tokenize, type Token } from "../tokenize";

/** The parts of an `UPDATE` or `DELETE` the replay looks into. */
export interface WriteClauses {
  /** The top-level WHERE condition's tokens (empty without WHERE). */
  readonly where: readonly Token[];
  /** The WHERE condition as written, or undefined without WHERE. */
  readonly whereSql?: string;
  /**
   * True when the SET values come from constants and the row itself (no subquery, no FROM join):
   * such an UPDATE rewrites what production holds whatever the other tables contain, so the
   * replay can judge it on generated rows. A value derived from other tables (a recomputed
   * denormalisation) cannot be: generated rows are not consistent across tables.
   */
  readonly selfContained: boolean;
}

const clauseEnds = new Set(["RETURNING", "ORDER", "LIMIT"]);

/** Tokens at parenthesis depth 0 get their index; nested ones do not. */
function topLevel(tokens: readonly Token[]): Map<string, number[]> {
  const at = new Map<string, number[]>();
  let depth = 0;
  for (const [i, token] of tokens.entries()) {
    if (token.kind === "punct" && token.value === "(") depth += 1;
    if (token.kind === "punct" && token.value === ")") depth -= 1;
    if (depth !== 0 || token.kind !== "word") continue;
    at.set(token.value, [...(at.get(token.value) ?? []), i]);
  }
  return at;
}

/** Reads the WHERE and SET of one `UPDATE`/`DELETE` statement (a leading WITH is skipped). */
export function writeClauses(text: string): WriteClauses {
  const tokens = tokenize(text).tokens.filter((t) => t.kind !== "comment");
  const words = topLevel(tokens);
  const verb = Math.min(
    ...(words.get("UPDATE") ?? []),
    ...(words.get("DELETE") ?? []),
  );
  const after = (word: string): number | undefined =>
    (words.get(word) ?? []).find((i) => i > verb);
  const whereAt = after("WHERE");
  const endAt = Math.min(
    tokens.length,
    ...[...clauseEnds].flatMap((w) =>
      (words.get(w) ?? []).filter((i) => i > (whereAt ?? verb)),
    ),
  );
  const where = whereAt === undefined ? [] : tokens.slice(whereAt + 1, endAt);
  const first = where[0];
  const last = where.at(-1);
  const setAt = after("SET");
  const setEnd = Math.min(
    whereAt ?? tokens.length,
    after("FROM") ?? tokens.length,
    endAt,
  );
  const set = setAt === undefined ? [] : tokens.slice(setAt + 1, setEnd);
  return {
    where,
    whereSql:
      first === undefined || last === undefined
        ? undefined
        : text.slice(first.start, last.end),
    selfContained:
      after("FROM") === undefined &&
      !set.some((t) => t.kind === "word" && t.value === "SELECT"),
  };
}

const isName = (t: Token | undefined): t is Token =>
  t !== undefined && (t.kind === "word" || t.kind === "identifier");
const literalValue = (t: Token): string | number =>
  t.kind === "number" ? Number(t.value) : t.value;

/** A LIKE pattern's fixed text: what a value must contain for the pattern to match it. */
function likeExample(pattern: string): string {
  return pattern.replaceAll("%", "");
}

/**
 * Values the WHERE condition itself names for columns of the table, outside subqueries:
 * `col = 'x'`, `'x' = col`, `col IN ('x', …)` (the first), `col LIKE '%x%'` (its fixed text).
 * Production holds the rows a migration's WHERE was written for; generated rows hold none of
 * them, so the replay writes these values into a row before the file runs. D1 keeps
 * double-quoted string literals on, so `name = "maxExpiration"` — a double-quoted name that is no
 * column of the table — compares with the text maxExpiration; `sql` is the statement the tokens
 * were read from, which says how each name was quoted.
 */
export function namedValues(
  where: readonly Token[],
  columns: readonly string[],
  sql: string,
): Map<string, string | number> {
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const isLiteral = (t: Token | undefined): t is Token =>
    t !== undefined &&
    (t.kind === "string" ||
      t.kind === "number" ||
      (t.kind === "identifier" &&
        sql.charAt(t.start) === '"' &&
        !byLower.has(t.value.toLowerCase())));
  const columnAt = (i: number): string | undefined => {
    const token = where[i];
    if (!isName(token)) return undefined;
    // `t.col`: the column is the last part.
    if (where[i + 1]?.value === ".") return undefined;
    return byLower.get(token.text.toLowerCase());
  };
  const found = new Map<string, string | number>();
  let depth = 0;
  for (let i = 0; i < where.length; i += 1) {
    const token = where[i];
    if (token?.kind === "punct" && token.value === "(") depth += 1;
    if (token?.kind === "punct" && token.value === ")") depth -= 1;
    if (depth !== 0 || token === undefined) continue;
    const column = columnAt(i);
    const op = where[i + 1];
    if (column !== undefined && op !== undefined) {
      const next = where[i + 2];
      if ((op.value === "=" || op.value === "==") && isLiteral(next))
        found.set(column, literalValue(next));
      else if (
        op.value === "IN" &&
        next?.value === "(" &&
        isLiteral(where[i + 3])
      )
        found.set(column, literalValue(where[i + 3] as Token));
      else if (
        (op.value === "LIKE" || op.value === "GLOB") &&
        next?.kind === "string"
      )
        found.set(
          column,
          op.value === "LIKE"
            ? likeExample(next.value)
            : next.value.replace(/[*?]/g, ""),
        );
    }
    if (isLiteral(token) && (op?.value === "=" || op?.value === "==")) {
      const other = columnAt(i + 2);
      if (other !== undefined) found.set(other, literalValue(token));
    }
  }
  return found;
}

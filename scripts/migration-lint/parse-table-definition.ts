import { Cursor, splitTopLevel } from "./cursor";
import type { ColumnDef, ForeignKey, OnDeleteAction } from "./parsed-statement";
import type { Token } from "./tokenize";

const tableConstraintWords = new Set([
  "CONSTRAINT",
  "PRIMARY",
  "UNIQUE",
  "CHECK",
  "FOREIGN",
]);

function isWord(token: Token | undefined, value: string): boolean {
  return token?.kind === "word" && token.value === value;
}

/** Reads the ON DELETE action of the REFERENCES clause starting at `start`; SQLite's default is NO ACTION. */
export function onDeleteAction(
  tokens: readonly Token[],
  start: number,
): OnDeleteAction {
  for (let i = start; i < tokens.length; i += 1) {
    if (isWord(tokens[i], "REFERENCES")) break;
    if (isWord(tokens[i], "ON") && isWord(tokens[i + 1], "DELETE")) {
      const first = tokens[i + 2]?.value;
      const second = tokens[i + 3]?.value;
      if (first === "CASCADE" || first === "RESTRICT") return first;
      if (first === "SET" && (second === "NULL" || second === "DEFAULT"))
        return `SET ${second}`;
      return "NO ACTION";
    }
  }
  return "NO ACTION";
}

/** Finds `REFERENCES parent … ON DELETE action` in a column definition or FOREIGN KEY constraint. */
export function referencesClause(
  tokens: readonly Token[],
): { parentTable: string; onDelete: OnDeleteAction } | undefined {
  const at = tokens.findIndex((token) => isWord(token, "REFERENCES"));
  if (at === -1) return undefined;
  const parentTable = new Cursor(tokens.slice(at + 1)).name();
  if (parentTable === undefined) return undefined;
  return { parentTable, onDelete: onDeleteAction(tokens, at + 1) };
}

/** Keywords outside parentheses, so `CHECK (a IS NOT NULL)` does not read as a NOT NULL column. */
function topLevelWords(tokens: readonly Token[]): string[] {
  let depth = 0;
  return tokens.map((token) => {
    if (token.value === "(" && token.kind === "punct") depth += 1;
    if (token.value === ")" && token.kind === "punct") depth -= 1;
    return token.kind === "word" && depth === 0 ? token.value : "";
  });
}

export type ColumnParse =
  | {
      readonly ok: true;
      readonly column: ColumnDef;
      readonly foreignKeys: readonly ForeignKey[];
    }
  | { readonly ok: false; readonly message: string };

export function parseColumnDef(tokens: readonly Token[]): ColumnParse {
  const [nameToken] = tokens;
  if (
    nameToken === undefined ||
    (nameToken.kind !== "word" && nameToken.kind !== "identifier")
  ) {
    return { ok: false, message: "expected a column name" };
  }
  const words = topLevelWords(tokens);
  const notNull = words.some(
    (word, i) => word === "NOT" && words[i + 1] === "NULL",
  );
  const hasDefault =
    words.includes("DEFAULT") ||
    words.includes("GENERATED") ||
    words.includes("AS");
  const column: ColumnDef = { name: nameToken.text, notNull, hasDefault };
  const reference = referencesClause(tokens);
  const foreignKeys =
    reference === undefined
      ? []
      : [{ columns: [nameToken.text], ...reference }];
  return { ok: true, column, foreignKeys };
}

function parseForeignKeyConstraint(
  tokens: readonly Token[],
): ForeignKey | undefined {
  const cursor = new Cursor(tokens);
  if (cursor.accept("CONSTRAINT")) cursor.name();
  if (!cursor.accept("FOREIGN", "KEY") || !cursor.acceptPunct("("))
    return undefined;
  const columns = cursor
    .untilClosingParen()
    ?.filter((t) => t.kind === "word" || t.kind === "identifier");
  const reference = referencesClause(cursor.rest());
  if (columns === undefined || reference === undefined) return undefined;
  return { columns: columns.map((t) => t.text), ...reference };
}

export type TableParse =
  | {
      readonly ok: true;
      readonly columns: readonly ColumnDef[];
      readonly foreignKeys: readonly ForeignKey[];
    }
  | { readonly ok: false; readonly message: string };

/** Parses the inside of `CREATE TABLE name ( … )`: column definitions and table constraints. */
export function parseTableBody(tokens: readonly Token[]): TableParse {
  const columns: ColumnDef[] = [];
  const foreignKeys: ForeignKey[] = [];
  for (const part of splitTopLevel(tokens)) {
    const [first] = part;
    if (first === undefined)
      return { ok: false, message: "empty column definition (stray comma?)" };
    if (first.kind === "word" && tableConstraintWords.has(first.value)) {
      const isForeignKey = part.some((t) => isWord(t, "FOREIGN"));
      const foreignKey = isForeignKey
        ? parseForeignKeyConstraint(part)
        : undefined;
      if (isForeignKey && foreignKey === undefined) {
        return { ok: false, message: "malformed FOREIGN KEY constraint" };
      }
      if (foreignKey !== undefined) foreignKeys.push(foreignKey);
      continue;
    }
    const parsed = parseColumnDef(part);
    if (!parsed.ok) return parsed;
    columns.push(parsed.column);
    foreignKeys.push(...parsed.foreignKeys);
  }
  return { ok: true, columns, foreignKeys };
}

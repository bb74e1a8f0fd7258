import { splitTopLevel } from "../cursor";
import { tokenize, type Token } from "../tokenize";

/** A `CREATE UNIQUE INDEX` over plain columns of a table. */
export interface NewUniqueIndex {
  /** The statement that creates it. */
  readonly index: number;
  readonly table: string;
  readonly columns: readonly string[];
}

const isName = (t: Token | undefined): t is Token =>
  t !== undefined && (t.kind === "word" || t.kind === "identifier");

/** `name [COLLATE x] [ASC|DESC]`; undefined for an expression. */
function plainColumn(part: readonly Token[]): string | undefined {
  const [first, ...rest] = part;
  if (!isName(first)) return undefined;
  const words = rest.map((t) => t.value);
  const ok =
    words.length === 0 ||
    (words[0] === "COLLATE" && words.length <= 3) ||
    (words.length === 1 && (words[0] === "ASC" || words[0] === "DESC"));
  return ok ? first.text : undefined;
}

/** The unique indexes a file creates over plain columns (expression indexes are left out). */
export function newUniqueIndexes(
  statements: readonly { readonly index: number; readonly text: string }[],
): NewUniqueIndex[] {
  const found: NewUniqueIndex[] = [];
  for (const { index, text } of statements) {
    if (!/^\s*CREATE\s+UNIQUE\s+INDEX\b/i.test(text)) continue;
    const tokens = tokenize(text).tokens.filter((t) => t.kind !== "comment");
    const on = tokens.findIndex((t) => t.kind === "word" && t.value === "ON");
    const table = tokens[on + 1];
    if (on < 0 || !isName(table) || tokens[on + 2]?.value !== "(") continue;
    let depth = 0;
    let close = -1;
    for (let i = on + 2; i < tokens.length; i += 1) {
      if (tokens[i]?.value === "(") depth += 1;
      if (tokens[i]?.value === ")") depth -= 1;
      if (depth === 0) {
        close = i;
        break;
      }
    }
    if (close < 0) continue;
    const columns = splitTopLevel(tokens.slice(on + 3, close)).map(plainColumn);
    if (columns.some((c) => c === undefined)) continue;
    found.push({ index, table: table.text, columns: columns as string[] });
  }
  return found;
}

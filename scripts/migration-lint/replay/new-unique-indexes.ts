import type { DatabaseSync } from "node:sqlite";
import { splitTopLevel } from "../cursor";
import type { ParsedStatement } from "../parsed-statement";
import { tokenize, type Token } from "../tokenize";
import { openD1Database } from "./d1-database";
import { readTables } from "./sqlite-schema";

/** A unique set a file adds over plain columns of a table: a `CREATE UNIQUE INDEX`, or a rebuild's. */
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

/** The name a table ends the file under, following `ALTER TABLE … RENAME TO` after `from`. */
function finalName(
  table: string,
  statements: readonly { readonly parsed: ParsedStatement }[],
): string {
  let name = table.toLowerCase();
  for (const { parsed } of statements)
    if (parsed.kind === "rename-table" && parsed.table.toLowerCase() === name)
      name = parsed.newName.toLowerCase();
  return name;
}

/**
 * The unique sets (UNIQUE constraints, the primary key) of tables a file creates and then renames
 * into place — a rebuild such as `CREATE TABLE __new_t (… UNIQUE (name)); INSERT … SELECT … FROM t;
 * DROP TABLE t; ALTER TABLE __new_t RENAME TO t` — attributed to the table they replace. SQLite
 * reads each CREATE TABLE on a scratch database, so its own parser says which sets are unique.
 */
export function rebuiltUniqueSets(
  statements: readonly {
    readonly index: number;
    readonly text: string;
    readonly parsed: ParsedStatement;
  }[],
): NewUniqueIndex[] {
  const found: NewUniqueIndex[] = [];
  let scratch: DatabaseSync | undefined;
  try {
    for (const [i, { index, text, parsed }] of statements.entries()) {
      if (parsed.kind !== "create-table") continue;
      if (!/\b(UNIQUE|PRIMARY\s+KEY)\b/i.test(text)) continue;
      const table = finalName(parsed.table, statements.slice(i + 1));
      if (table === parsed.table.toLowerCase()) continue;
      scratch ??= openD1Database();
      try {
        scratch.exec(text);
      } catch {
        continue;
      }
      const created = readTables(scratch).get(parsed.table.toLowerCase());
      for (const unique of created?.uniques ?? [])
        if (!unique.partial)
          found.push({ index, table, columns: unique.columns });
    }
  } finally {
    scratch?.close();
  }
  return found;
}

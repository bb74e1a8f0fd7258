import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { tokenize } from "../tokenize";
import { prepared } from "./prepared";
import {
  keyColumns,
  quoteName,
  type LiveColumn,
  type LiveTable,
} from "./sqlite-schema";

/** Rows generated per table: enough to see "n of n rows" and duplicates in non-unique columns. */
export const seedRowCount = 3;

export interface Unseeded {
  readonly table: string;
  readonly reason: string;
}

type Value = SQLInputValue;

function affinity(
  type: string,
): "integer" | "text" | "blob" | "real" | "numeric" {
  const t = type.toUpperCase();
  if (t.includes("INT")) return "integer";
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT"))
    return "text";
  if (t === "" || t.includes("BLOB")) return "blob";
  if (t.includes("REAL") || t.includes("FLOA") || t.includes("DOUB"))
    return "real";
  return "numeric";
}

/** A value of the column's type; `n` differs per row in unique columns and repeats otherwise. */
function baseValue(column: LiveColumn, n: number): Value {
  const name = column.name.toLowerCase();
  switch (affinity(column.type)) {
    case "integer":
    case "numeric":
      return n;
    case "real":
      return n + 0.5;
    case "blob":
      return column.type === "" ? `${column.name}-${n}` : new Uint8Array([n]);
    case "text":
      if (name.includes("email")) return `user${n}@example.com`;
      if (/url|link|href/.test(name)) return `https://example.com/${n}`;
      if (/(^|_)(date|day)$|_on$/.test(name)) return `2024-01-0${n}`;
      if (/(_at|time|timestamp)$/.test(name)) return `2024-01-0${n} 00:00:00`;
      if (/json|meta|data|settings|payload|config|options/.test(name))
        return `{"n":${n}}`;
      return `${column.name}-${n}`;
  }
}

type Token = ReturnType<typeof tokenize>["tokens"][number];

const checkCache = new Map<string, Token[][]>();

/** The token lists of a CREATE TABLE's CHECK constraints, read once per table definition. */
function checkBodies(sql: string): Token[][] {
  const cached = checkCache.get(sql);
  if (cached !== undefined) return cached;
  const tokens = tokenize(sql).tokens.filter((t) => t.kind !== "comment");
  const bodies: Token[][] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (tokens[i]?.value !== "CHECK" || tokens[i + 1]?.value !== "(") continue;
    let depth = 0;
    const body: Token[] = [];
    for (let j = i + 1; j < tokens.length; j += 1) {
      const token = tokens[j];
      if (token === undefined) break;
      if (token.value === "(") depth += 1;
      if (token.value === ")") depth -= 1;
      body.push(token);
      if (depth === 0) break;
    }
    bodies.push(body);
  }
  checkCache.set(sql, bodies);
  return bodies;
}

/** Literals written in the table's CHECK constraints that mention the column: values it accepts. */
function checkCandidates(table: LiveTable, column: string): Value[] {
  const found: Value[] = [];
  for (const body of checkBodies(table.sql)) {
    const mentions = body.some(
      (t) =>
        (t.kind === "word" || t.kind === "identifier") &&
        t.text.toLowerCase() === column.toLowerCase(),
    );
    if (!mentions) continue;
    for (const t of body) {
      if (t.kind === "string") found.push(t.value);
      if (t.kind === "number") found.push(Number(t.value));
    }
    if (body.some((t) => t.value === "JSON_VALID")) found.push("{}");
  }
  return found;
}

/** Tables ordered so parents come before the children that reference them (cycles broken arbitrarily). */
function dependencyOrder(tables: readonly LiveTable[]): LiveTable[] {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: LiveTable[] = [];
  const visit = (table: LiveTable): void => {
    const key = table.name.toLowerCase();
    if (done.has(key) || visiting.has(key)) return;
    visiting.add(key);
    for (const fk of table.foreignKeys) {
      const parent = byName.get(fk.parent.toLowerCase());
      if (parent !== undefined) visit(parent);
    }
    visiting.delete(key);
    done.add(key);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

function count(db: DatabaseSync, table: string): number {
  const row = prepared(
    db,
    `SELECT count(*) AS n FROM ${quoteName(table)}`,
  ).get() as { n: number };
  return Number(row.n);
}

/**
 * Inserts generated rows into every empty table, parents first: values of each column's type,
 * distinct in unique columns and repeated in others (so a new UNIQUE index meets duplicates),
 * foreign keys pointing at existing parent rows, CHECK literals tried when the first guess fails.
 */
export function seedEmptyTables(
  db: DatabaseSync,
  tables: ReadonlyMap<string, LiveTable>,
): Unseeded[] {
  const unseeded: Unseeded[] = [];
  for (const table of dependencyOrder([...tables.values()])) {
    if (count(db, table.name) > 0) continue;
    let reason: string | undefined;
    try {
      reason = seedTable(db, table, tables);
    } catch (error) {
      // e.g. "foreign key mismatch": SQLite cannot write to the table at all.
      reason = error instanceof Error ? error.message : String(error);
    }
    if (reason !== undefined) unseeded.push({ table: table.name, reason });
  }
  return unseeded;
}

function seedTable(
  db: DatabaseSync,
  table: LiveTable,
  tables: ReadonlyMap<string, LiveTable>,
): string | undefined {
  const columns = table.columns.filter((c) => !c.generated);
  const uniqueColumns = new Set(
    table.uniques.flatMap((u) => u.columns.map((c) => c.toLowerCase())),
  );
  const candidates = new Map(
    columns.map((c) => [c.name, checkCandidates(table, c.name)]),
  );
  const parentRows = new Map<number, Record<string, unknown>[]>();
  for (const [index, fk] of table.foreignKeys.entries()) {
    const parent = tables.get(fk.parent.toLowerCase());
    if (
      parent === undefined ||
      parent.name.toLowerCase() === table.name.toLowerCase()
    )
      continue;
    const to = fk.to.length > 0 ? fk.to : keyColumns(parent);
    if (to.length === 0) continue;
    const rows = prepared(
      db,
      `SELECT ${to.map(quoteName).join(", ")} FROM ${quoteName(parent.name)} LIMIT ${seedRowCount}`,
    ).all() as Record<string, unknown>[];
    parentRows.set(
      index,
      rows.map((row) =>
        Object.fromEntries(fk.from.map((from, i) => [from, row[to[i] ?? ""]])),
      ),
    );
  }
  const names = columns.map((c) => quoteName(c.name)).join(", ");
  const insert = prepared(
    db,
    `INSERT INTO ${quoteName(table.name)} (${names}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  let lastError = "";
  let inserted = 0;
  for (let row = 0; row < seedRowCount; row += 1) {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const values = columns.map((column) => {
        const isUnique = uniqueColumns.has(column.name.toLowerCase());
        const n = isUnique ? row + 1 : row === 0 ? 1 : 2;
        for (const [index, fk] of table.foreignKeys.entries()) {
          const position = fk.from.findIndex(
            (f) => f.toLowerCase() === column.name.toLowerCase(),
          );
          if (position === -1) continue;
          const rows = parentRows.get(index);
          if (rows === undefined)
            return column.notNull ? baseValue(column, n) : null;
          // Rows 1 and 2 share a parent unless the column is unique, like any other repeated value.
          const parent =
            rows[
              (isUnique ? row : Math.min(row, 1)) % Math.max(rows.length, 1)
            ];
          return (parent?.[column.name] ?? null) as Value;
        }
        const options = candidates.get(column.name) ?? [];
        if (attempt >= 1 && options.length > 0)
          return options[(row + attempt - 1) % options.length] ?? null;
        if (attempt === 2) return isUnique ? row : 0;
        if (attempt === 3) return column.notNull ? `${row + 1}` : null;
        return baseValue(column, n);
      });
      try {
        insert.run(...values);
        inserted += 1;
        break;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
  }
  if (inserted > 0) return undefined;
  return lastError;
}

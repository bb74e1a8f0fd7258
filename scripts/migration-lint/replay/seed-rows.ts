import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { tokenize } from "../tokenize";
import { prepared } from "./prepared";
import {
  keyColumns,
  quoteName,
  type LiveColumn,
  type LiveForeignKey,
  type LiveTable,
} from "./sqlite-schema";

/** Rows generated per table: enough to see "n of n rows" and a value that differs from the default. */
export const seedRowCount = 3;

/** A table (no `column`) or a column the seeder could not give values to, and SQLite's reason. */
export interface Unseeded {
  readonly table: string;
  readonly column?: string;
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

/**
 * A value of the column's type, distinct per row `n` (1-based): production rows differ, so a UNIQUE
 * index added later meets duplicates only where real data has them. Booleans are the exception —
 * two values cannot be distinct across three rows, and real tables repeat them too.
 */
function baseValue(column: LiveColumn, n: number): Value {
  const name = column.name.toLowerCase();
  const type = column.type.toUpperCase();
  if (type.includes("BOOL") || /^(is|has)(_[a-z]|[A-Z])/.test(column.name))
    return n % 2;
  switch (affinity(column.type)) {
    case "integer":
      // Timestamps stored as integers (drizzle's mode: "timestamp") need a plausible epoch value.
      return /(_at|at|time|date)$/i.test(column.name) ? 1_700_000_000 + n : n;
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

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Per foreign key of the table: the parent's referenced values, as rows keyed by the child's columns. */
function parentKeys(
  db: DatabaseSync,
  table: LiveTable,
  tables: ReadonlyMap<string, LiveTable>,
): Map<LiveForeignKey, Record<string, unknown>[]> {
  const result = new Map<LiveForeignKey, Record<string, unknown>[]>();
  for (const fk of table.foreignKeys) {
    const parent = tables.get(fk.parent.toLowerCase());
    if (parent === undefined) continue;
    const to = fk.to.length > 0 ? fk.to : keyColumns(parent);
    if (to.length === 0) continue;
    const rows = prepared(
      db,
      `SELECT ${to.map(quoteName).join(", ")} FROM ${quoteName(parent.name)} LIMIT ${seedRowCount}`,
    ).all() as Record<string, unknown>[];
    if (rows.length === 0) continue;
    result.set(
      fk,
      rows.map((row) =>
        Object.fromEntries(fk.from.map((from, i) => [from, row[to[i] ?? ""]])),
      ),
    );
  }
  return result;
}

/**
 * What to try for one column of row `row` (0-based) on attempt `attempt`: a foreign key points at
 * a parent row; other columns take a typed value, then CHECK literals, then plain fallbacks.
 */
function valueFor(
  table: LiveTable,
  column: LiveColumn,
  row: number,
  attempt: number,
  parents: ReadonlyMap<LiveForeignKey, Record<string, unknown>[]>,
  candidates: readonly Value[],
): Value {
  const name = column.name.toLowerCase();
  for (const [ordinal, fk] of table.foreignKeys.entries()) {
    if (!fk.from.some((f) => f.toLowerCase() === name)) continue;
    const rows = parents.get(fk);
    if (rows === undefined)
      return column.notNull ? baseValue(column, row + 1) : null;
    // Rows 2 and 3 share their parents, like children in production (a join table without a
    // unique constraint holds a repeated pair); a retry moves each key by its position, so a CHECK
    // comparing two keys of the same parent (user_id != related_user_id) is met on the next try.
    const parent =
      rows[(Math.min(row, 1) + attempt * (ordinal + 1)) % rows.length];
    const from = fk.from.find((f) => f.toLowerCase() === name) ?? column.name;
    return (parent?.[from] ?? null) as Value;
  }
  if (attempt >= 1 && candidates.length > 0)
    return candidates[(row + attempt - 1) % candidates.length] ?? null;
  if (attempt === 2) return row + 1;
  if (attempt === 3) return column.notNull ? `${row + 1}` : null;
  // A CHECK that lists values (an enum) is satisfied by its own literals first.
  if (candidates.length > 0 && attempt === 0)
    return candidates[row % candidates.length] ?? null;
  return baseValue(column, row + 1);
}

const attempts = 6;

function insertRows(
  db: DatabaseSync,
  table: LiveTable,
  tables: ReadonlyMap<string, LiveTable>,
): string | undefined {
  const columns = table.columns.filter((c) => !c.generated);
  const candidates = new Map(
    columns.map((c) => [c.name, checkCandidates(table, c.name)]),
  );
  const parents = parentKeys(db, table, tables);
  const insert = prepared(
    db,
    `INSERT INTO ${quoteName(table.name)} (${columns.map((c) => quoteName(c.name)).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  let lastError = "";
  let inserted = 0;
  for (let row = 0; row < seedRowCount; row += 1) {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const values = columns.map((column) =>
        valueFor(
          table,
          column,
          row,
          attempt,
          parents,
          candidates.get(column.name) ?? [],
        ),
      );
      try {
        insert.run(...values);
        inserted += 1;
        break;
      } catch (error) {
        lastError = messageOf(error);
      }
    }
  }
  return inserted > 0 ? undefined : lastError;
}

/**
 * Adds generated row number `row` (0-based; distinct from the rows before it) to a table: a
 * migration's WHERE clauses can name more rows than the seeder wrote. Returns its rowid, or
 * undefined when SQLite refuses every attempt.
 */
export function addGeneratedRow(
  db: DatabaseSync,
  table: LiveTable,
  tables: ReadonlyMap<string, LiveTable>,
  row: number,
): number | undefined {
  const columns = table.columns.filter((c) => !c.generated);
  const parents = parentKeys(db, table, tables);
  const insert = prepared(
    db,
    `INSERT INTO ${quoteName(table.name)} (${columns.map((c) => quoteName(c.name)).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const values = columns.map((column) =>
      valueFor(
        table,
        column,
        row,
        attempt,
        parents,
        checkCandidates(table, column.name),
      ),
    );
    try {
      return Number(insert.run(...values).lastInsertRowid);
    } catch {
      // The next attempt tries CHECK literals and other fallbacks.
    }
  }
  return undefined;
}

/**
 * Gives every NULL in the table's existing rows a value, row by row: production rows hold values in
 * columns added after they were first written, so dropping such a column loses data. Returns the
 * columns no value could be written to, with SQLite's reason.
 */
function fillNulls(
  db: DatabaseSync,
  table: LiveTable,
  tables: ReadonlyMap<string, LiveTable>,
): Unseeded[] {
  const key = table.withoutRowid ? keyColumns(table) : ["rowid"];
  if (key.length === 0) return [];
  const columns = table.columns.filter(
    (c) => !c.generated && c.pk === 0 && c.notNull === false,
  );
  if (columns.length === 0) return [];
  // One query tells whether anything is NULL: most tables, most files, have nothing to fill.
  const anyNull = prepared(
    db,
    `SELECT 1 FROM ${quoteName(table.name)} WHERE ${columns.map((c) => `${quoteName(c.name)} IS NULL`).join(" OR ")} LIMIT 1`,
  ).get();
  if (anyNull === undefined) return [];
  const unfilled: Unseeded[] = [];
  let parents: Map<LiveForeignKey, Record<string, unknown>[]> | undefined;
  const where = key.map((k) => `${quoteName(k)} IS ?`).join(" AND ");
  for (const column of columns) {
    const q = quoteName(column.name);
    const rows = prepared(
      db,
      `SELECT ${key.map((k) => `${quoteName(k)} AS ${quoteName(`k_${k}`)}`).join(", ")} FROM ${quoteName(table.name)} WHERE ${q} IS NULL ORDER BY ${key.map(quoteName).join(", ")}`,
    ).all() as Record<string, unknown>[];
    if (rows.length === 0) continue;
    parents ??= parentKeys(db, table, tables);
    const candidates = checkCandidates(table, column.name);
    const update = prepared(
      db,
      `UPDATE ${quoteName(table.name)} SET ${q} = ? WHERE ${where}`,
    );
    let lastError = "";
    let filled = 0;
    for (const [row, keyRow] of rows.entries()) {
      const keyValues = key.map((k) => keyRow[`k_${k}`] as Value);
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        const value = valueFor(
          table,
          column,
          row,
          attempt,
          parents,
          candidates,
        );
        if (value === null) break;
        try {
          update.run(value, ...keyValues);
          filled += 1;
          break;
        } catch (error) {
          lastError = messageOf(error);
        }
      }
    }
    if (filled === 0)
      unfilled.push({
        table: table.name,
        column: column.name,
        reason: lastError || "no value satisfies its foreign key",
      });
  }
  return unfilled;
}

/**
 * Prepares the scratch database the way production looks before a migration, parents first:
 * empty tables get generated rows, and existing rows get values in every column still NULL — added
 * by an earlier migration since they were written, or nulled by one (production writes new rows
 * with values there). Runs before every file.
 */
export function seedTables(
  db: DatabaseSync,
  tables: ReadonlyMap<string, LiveTable>,
): Unseeded[] {
  const unseeded: Unseeded[] = [];
  const retry: LiveTable[] = [];
  for (const table of dependencyOrder([...tables.values()])) {
    const empty = count(db, table.name) === 0;
    try {
      const reason = empty ? insertRows(db, table, tables) : undefined;
      if (reason !== undefined) {
        unseeded.push({ table: table.name, reason });
        continue;
      }
      if (fillNulls(db, table, tables).length > 0) retry.push(table);
    } catch (error) {
      // e.g. "foreign key mismatch": SQLite cannot write to the table at all.
      unseeded.push({ table: table.name, reason: messageOf(error) });
    }
  }
  // Tables in a foreign-key cycle (user.home_board_id ↔ board.creator_id) were seeded before one of
  // their parents had rows: a second pass fills what the first could not.
  for (const table of retry) unseeded.push(...fillNulls(db, table, tables));
  return unseeded;
}

/**
 * Seeds a database once, as the replay does before a file (scripts/compat seeds a local D1 with it):
 * returns the tables that got no rows; columns left NULL in seeded tables are not listed.
 */
export function seedEmptyTables(
  db: DatabaseSync,
  tables: ReadonlyMap<string, LiveTable>,
): Unseeded[] {
  return seedTables(db, tables).filter((u) => u.column === undefined);
}

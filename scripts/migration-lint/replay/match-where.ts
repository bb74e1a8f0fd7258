import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { ParsedStatement } from "../parsed-statement";
import {
  keyColumns,
  quoteName,
  readTables,
  type LiveTable,
} from "./sqlite-schema";
import { addGeneratedRow } from "./seed-rows";
import { namedValues, writeClauses } from "./write-clauses";

interface WriteStatement {
  readonly index: number;
  readonly text: string;
  readonly parsed: ParsedStatement;
}

const matches = (db: DatabaseSync, sql: string, args: SQLInputValue[]) => {
  try {
    return db.prepare(sql).get(...args) !== undefined;
  } catch {
    return undefined;
  }
};

/** Runs `change` in a savepoint and keeps it only when it returns true. */
function tryKeep(db: DatabaseSync, change: () => boolean): boolean {
  db.exec("SAVEPOINT gate_match_where");
  let kept: boolean;
  try {
    kept = change();
  } catch {
    kept = false;
  }
  if (!kept) db.exec("ROLLBACK TO gate_match_where");
  db.exec("RELEASE gate_match_where");
  return kept;
}

/**
 * A value the WHERE names for a foreign-key column (`collection_id = 'pages-collection'`) needs a
 * parent row with that key, as in production: one parent row no child points at takes it.
 */
function giveParentKey(
  db: DatabaseSync,
  table: LiveTable,
  column: string,
  value: SQLInputValue,
): void {
  const fk = table.foreignKeys.find(
    (f) =>
      f.from.length === 1 && f.from[0]?.toLowerCase() === column.toLowerCase(),
  );
  if (fk === undefined) return;
  const parent = readTables(db).get(fk.parent.toLowerCase());
  if (parent === undefined || parent.withoutRowid) return;
  const to = fk.to[0] ?? keyColumns(parent)[0];
  if (to === undefined) return;
  const name = quoteName(parent.name);
  const has = `SELECT 1 FROM ${name} WHERE ${quoteName(to)} = ?`;
  if (matches(db, has, [value]) !== false) return;
  const rows = db
    .prepare(`SELECT rowid AS r FROM ${name} ORDER BY rowid DESC`)
    .all() as { r: number }[];
  const update = `UPDATE ${name} SET ${quoteName(to)} = ? WHERE rowid = ?`;
  for (const { r } of rows)
    if (tryKeep(db, () => (db.prepare(update).run(value, r), true))) return;
}

/** A `DELETE … WHERE` naming values that no row of its table could be made to meet before the file. */
export interface UnmatchedDelete {
  readonly index: number;
  readonly table: string;
  readonly whereSql: string;
  /** The values the condition names: written into a row, or no row would take them. */
  readonly named: ReadonlyMap<string, string | number>;
}

/**
 * Before a file runs, gives its `UPDATE … WHERE` and `DELETE … WHERE` a row to act on: when no
 * generated row meets the condition, the values the condition names (`WHERE id = 'core-auth'`)
 * are written into one existing row, as production holds the rows a migration was written for.
 * A row that the constraints of the schema before the file refuse to change is skipped (production
 * could not hold it either), and so is a row the condition still does not match. Each condition
 * keeps its row: one that an earlier condition of the file was given is not taken from it, and
 * when every row is taken a generated row is added (production holds a row per key a file names).
 * Returns the `DELETE`s whose condition names values yet still matched no row (it also joins
 * other tables, or computes): production holds the rows it was written for, the replay cannot
 * build them, so the caller reports them instead of counting them.
 */
export function matchWhereClauses(
  db: DatabaseSync,
  statements: readonly WriteStatement[],
): UnmatchedDelete[] {
  const unmatched: UnmatchedDelete[] = [];
  const taken = new Map<string, Set<number>>();
  for (const { index, text, parsed } of statements) {
    if (
      (parsed.kind !== "update" && parsed.kind !== "delete") ||
      !parsed.hasWhere
    )
      continue;
    const table = readTables(db).get(parsed.table.toLowerCase());
    if (table === undefined || table.withoutRowid) continue;
    const { where, whereSql } = writeClauses(text);
    if (whereSql === undefined) continue;
    const name = quoteName(table.name);
    const cond = `SELECT 1 FROM ${name} WHERE ${whereSql} LIMIT 1`;
    // Already met, or a condition SQLite cannot evaluate before the file (a column it adds).
    if (matches(db, cond, []) !== false) continue;
    const values = namedValues(
      where,
      table.columns.filter((c) => !c.generated).map((c) => c.name),
      text,
    );
    if (values.size === 0) continue;
    for (const [column, value] of values)
      giveParentKey(db, table, column, value);
    const columns = [...values.keys()];
    // Rows that already hold some of the values first (the row with id 'pages-collection' whose
    // schema lacks the pattern), then the last rows, which fewer children point at.
    const agree = columns.map((c) => `(${quoteName(c)} IS ?)`).join(" + ");
    const candidates = db
      .prepare(
        `SELECT rowid AS r FROM ${name} ORDER BY ${agree} DESC, rowid DESC`,
      )
      .all(...[...values.values()]) as { r: number }[];
    const update = `UPDATE ${name} SET ${columns.map((c) => `${quoteName(c)} = ?`).join(", ")} WHERE rowid = ?`;
    const check = `SELECT 1 FROM ${name} WHERE rowid = ? AND (${whereSql})`;
    const give = (r: number): boolean => {
      db.prepare(update).run(...[...values.values()], r);
      return matches(db, check, [r]) === true;
    };
    const mine = taken.get(table.name.toLowerCase()) ?? new Set<number>();
    taken.set(table.name.toLowerCase(), mine);
    let given = candidates.find(
      ({ r }) => !mine.has(r) && tryKeep(db, () => give(r)),
    )?.r;
    if (given === undefined && mine.size > 0)
      tryKeep(db, () => {
        const count = db.prepare(`SELECT count(*) AS n FROM ${name}`).get() as {
          n: number;
        };
        const r = addGeneratedRow(db, table, readTables(db), Number(count.n));
        if (r === undefined || !give(r)) return false;
        given = r;
        return true;
      });
    if (given !== undefined) mine.add(given);
    else if (parsed.kind === "delete")
      unmatched.push({ index, table: table.name, whereSql, named: values });
  }
  return unmatched;
}

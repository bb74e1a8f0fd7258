import type { DatabaseSync } from "node:sqlite";
import { quoteName, readTables, type LiveTable } from "./sqlite-schema";

export type Row = Record<string, unknown>;

/** A table's definition and rows at one moment; `rowid` is under `__gate_rowid` when the table has one. */
export interface TableSnapshot {
  readonly table: LiveTable;
  readonly rows: readonly Row[];
}

export const rowidKey = "__gate_rowid";

export function readRows(db: DatabaseSync, table: LiveTable): Row[] {
  const rowid = table.withoutRowid ? "" : `rowid AS ${rowidKey}, `;
  return db
    .prepare(`SELECT ${rowid}* FROM ${quoteName(table.name)}`)
    .all() as Row[];
}

/** Every ordinary table with its rows, keyed by lower-cased name. */
export function snapshot(db: DatabaseSync): Map<string, TableSnapshot> {
  const result = new Map<string, TableSnapshot>();
  for (const [key, table] of readTables(db))
    result.set(key, { table, rows: readRows(db, table) });
  return result;
}

/** Row counts of every ordinary table, keyed by lower-cased name. */
export function rowCounts(db: DatabaseSync): Map<string, number> {
  const counts = new Map<string, number>();
  const names = db
    .prepare(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'",
    )
    .all() as { name: string }[];
  for (const { name } of names) {
    if (name.toLowerCase().startsWith("sqlite_")) continue;
    const row = db
      .prepare(`SELECT count(*) AS n FROM ${quoteName(name)}`)
      .get() as { n: number };
    counts.set(name.toLowerCase(), Number(row.n));
  }
  return counts;
}

/** Values compared as SQLite would print them, so a rebuild's 1 → '1' type change is not a loss. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  return printable(a) === printable(b);
}

export function printable(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  return String(value);
}

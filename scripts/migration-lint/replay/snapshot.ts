import type { DatabaseSync } from "node:sqlite";
import { prepared } from "./prepared";
import { quoteName, readTables, type LiveTable } from "./sqlite-schema";

export type Row = Record<string, unknown>;

/** A table's definition and rows at one moment; `rowid` is under `__gate_rowid` when the table has one. */
export interface TableSnapshot {
  readonly table: LiveTable;
  readonly rows: readonly Row[];
}

export const rowidKey = "__gate_rowid";

export function readRows(db: DatabaseSync, table: LiveTable): Row[] {
  // Columns by name, not *, so the cached statement's SQL changes whenever the columns do.
  const columns = [
    ...(table.withoutRowid ? [] : [`rowid AS ${rowidKey}`]),
    ...table.columns.map((column) => quoteName(column.name)),
  ];
  return prepared(
    db,
    `SELECT ${columns.join(", ")} FROM ${quoteName(table.name)}`,
  ).all() as Row[];
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
  for (const [key, table] of readTables(db)) {
    const row = prepared(
      db,
      `SELECT count(*) AS n FROM ${quoteName(table.name)}`,
    ).get() as { n: number };
    counts.set(key, Number(row.n));
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

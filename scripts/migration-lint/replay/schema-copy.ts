import type { DatabaseSync } from "node:sqlite";
import { openD1Database } from "./d1-database";
import { prepared } from "./prepared";

/**
 * A new empty database with the same tables, indexes, views and triggers: what a fresh local D1
 * holds after the same migrations. Virtual tables re-create their own shadow tables.
 */
export function emptyCopy(db: DatabaseSync): DatabaseSync {
  const copy = openD1Database();
  const shadow = new Set(
    (
      prepared(db, "PRAGMA main.table_list").all() as {
        name: string;
        type: string;
      }[]
    )
      .filter((t) => t.type === "shadow")
      .map((t) => t.name),
  );
  const rows = prepared(
    db,
    "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid",
  ).all() as { type: string; name: string; sql: string }[];
  copy.exec("PRAGMA foreign_keys = OFF");
  for (const row of rows) if (!shadow.has(row.name)) copy.exec(row.sql);
  copy.exec("PRAGMA foreign_keys = ON");
  return copy;
}

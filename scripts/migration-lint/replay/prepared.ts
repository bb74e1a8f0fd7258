import type { DatabaseSync, StatementSync } from "node:sqlite";

const caches = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/**
 * A prepared statement reused per database: preparing dominates the replay's cost, and SQLite
 * re-prepares a statement by itself when the schema changes under it.
 */
export function prepared(db: DatabaseSync, sql: string): StatementSync {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** SQLite bumps this on every schema change, so it keys anything derived from the schema. */
export function schemaVersion(db: DatabaseSync): number {
  const row = prepared(db, "PRAGMA schema_version").get() as {
    schema_version: number;
  };
  return Number(row.schema_version);
}

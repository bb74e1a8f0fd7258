import type { DatabaseSync } from "node:sqlite";
import { prepared, schemaVersion } from "./prepared";

/** One column as `PRAGMA table_xinfo` reports it. */
export interface LiveColumn {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly defaultSql: string | null;
  /** 1-based position in the primary key, 0 when not part of it. */
  readonly pk: number;
  /** Generated columns cannot be written. */
  readonly generated: boolean;
}

export interface LiveForeignKey {
  readonly parent: string;
  readonly from: readonly string[];
  /** Parent columns; empty means the parent's primary key. */
  readonly to: readonly string[];
  readonly onDelete: string;
}

export interface LiveTable {
  readonly name: string;
  readonly sql: string;
  readonly withoutRowid: boolean;
  readonly columns: readonly LiveColumn[];
  readonly foreignKeys: readonly LiveForeignKey[];
  /** Column sets under a UNIQUE constraint, a unique index or the primary key (expression indexes left out). */
  readonly uniques: readonly UniqueSet[];
}

export interface UniqueSet {
  readonly columns: readonly string[];
  /** "pk", "u" (a constraint in CREATE TABLE) or "c" (CREATE UNIQUE INDEX). */
  readonly origin: string;
  readonly name: string;
  readonly partial: boolean;
}

type Row = Record<string, unknown>;

export const quoteName = (name: string): string =>
  `"${name.replaceAll('"', '""')}"`;

/** Tables SQLite, D1 or wrangler own, which migrations do not manage. */
export function isInternalTable(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith("sqlite_") ||
    lower.startsWith("_cf_") ||
    lower === "d1_migrations"
  );
}

function all(db: DatabaseSync, sql: string): Row[] {
  return prepared(db, sql).all() as Row[];
}

const tableCache = new WeakMap<
  DatabaseSync,
  { version: number; tables: ReadonlyMap<string, LiveTable> }
>();

/** Ordinary tables (not views, virtual or shadow tables) with their columns, keys and unique sets. */
export function readTables(db: DatabaseSync): ReadonlyMap<string, LiveTable> {
  const version = schemaVersion(db);
  const cached = tableCache.get(db);
  if (cached?.version === version) return cached.tables;
  const tables = readTablesUncached(db);
  tableCache.set(db, { version, tables });
  return tables;
}

const definitionCache = new WeakMap<DatabaseSync, Map<string, LiveTable>>();

/**
 * Re-reads a table's pragmas only when its definition (its CREATE TABLE, its indexes, its place
 * in the rowid/WITHOUT ROWID split) changed: one DDL statement invalidates the schema version of
 * every table, but changes one or two of them.
 */
function readTablesUncached(db: DatabaseSync): Map<string, LiveTable> {
  const tables = new Map<string, LiveTable>();
  const schemaRows = all(
    db,
    "SELECT type, name, tbl_name, sql FROM sqlite_schema",
  );
  const sqlOf = new Map<string, string>();
  const indexSql = new Map<string, string[]>();
  for (const row of schemaRows) {
    const name = String(row.name);
    if (row.type === "table") sqlOf.set(name, String(row.sql ?? ""));
    if (row.type === "index") {
      const owner = String(row.tbl_name).toLowerCase();
      indexSql.set(owner, [
        ...(indexSql.get(owner) ?? []),
        `${name}:${String(row.sql ?? "")}`,
      ]);
    }
  }
  let cache = definitionCache.get(db);
  if (cache === undefined) {
    cache = new Map();
    definitionCache.set(db, cache);
  }
  for (const entry of all(db, "PRAGMA main.table_list")) {
    const name = String(entry.name);
    if (entry.type !== "table" || isInternalTable(name)) continue;
    const sql = sqlOf.get(name) ?? "";
    // Foreign keys are part of the CREATE TABLE text, so they are covered by it too.
    const definition = [
      name,
      entry.wr,
      sql,
      ...(indexSql.get(name.toLowerCase()) ?? []).sort(),
    ].join("\n");
    let table = cache.get(definition);
    if (table === undefined) {
      table = readTable(db, name, sql, entry.wr === 1);
      cache.set(definition, table);
    }
    tables.set(name.toLowerCase(), table);
  }
  return tables;
}

function readTable(
  db: DatabaseSync,
  name: string,
  sql: string,
  withoutRowid: boolean,
): LiveTable {
  const q = quoteName(name);
  const columns: LiveColumn[] = all(db, `PRAGMA table_xinfo(${q})`)
    .filter((row) => row.hidden === 0 || row.hidden === 2 || row.hidden === 3)
    .map((row) => ({
      name: String(row.name),
      type: String(row.type ?? ""),
      notNull: row.notnull === 1,
      defaultSql: row.dflt_value === null ? null : String(row.dflt_value),
      pk: Number(row.pk),
      generated: row.hidden === 2 || row.hidden === 3,
    }));
  const byId = new Map<
    number,
    LiveForeignKey & { from: string[]; to: string[] }
  >();
  for (const row of all(db, `PRAGMA foreign_key_list(${q})`)) {
    const id = Number(row.id);
    const fk = byId.get(id) ?? {
      parent: String(row.table),
      from: [],
      to: [],
      onDelete: String(row.on_delete),
    };
    fk.from.push(String(row.from));
    if (row.to !== null) fk.to.push(String(row.to));
    byId.set(id, fk);
  }
  const uniques: UniqueSet[] = [];
  for (const index of all(db, `PRAGMA index_list(${q})`)) {
    if (index.unique !== 1) continue;
    const indexName = String(index.name);
    const cols = all(db, `PRAGMA index_info(${quoteName(indexName)})`);
    if (cols.some((col) => col.name === null)) continue;
    uniques.push({
      columns: cols.map((col) => String(col.name)),
      origin: String(index.origin),
      name: indexName,
      partial: index.partial === 1,
    });
  }
  const pkColumns = columns
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
  // An INTEGER PRIMARY KEY is the rowid and has no index of its own.
  if (pkColumns.length > 0 && !uniques.some((u) => u.origin === "pk"))
    uniques.push({
      columns: pkColumns,
      origin: "pk",
      name: "primary key",
      partial: false,
    });
  return {
    name,
    sql,
    withoutRowid,
    columns,
    foreignKeys: [...byId.values()],
    uniques,
  };
}

/** The column names that identify a row: the primary key, else none (the rowid then). */
export function keyColumns(table: LiveTable): string[] {
  return table.columns
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
}

/**
 * D1 databases of the double: one real SQLite file each (node:sqlite), run with D1's semantics —
 * one request's SQL is one transaction, foreign keys on — and Time Travel as file snapshots taken
 * after every request that changed the database, each snapshot named by a bookmark.
 */
import { createHash, randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { openD1Database } from "../migration-lint/replay/d1-database";
import { ApiError, CODES } from "./envelope";
import { splitSql } from "./sql-split";

export interface Bookmark {
  readonly bookmark: string;
  readonly at: string;
  readonly file: string;
}

export interface D1Record {
  readonly uuid: string;
  readonly name: string;
  readonly createdAt: string;
  readonly bookmarks: Bookmark[];
}

export interface StatementResult {
  readonly results: Record<string, unknown>[];
  readonly success: true;
  readonly meta: {
    readonly served_by: string;
    readonly served_by_region: string;
    readonly duration: number;
    readonly changes: number;
    readonly last_row_id: number;
    readonly changed_db: boolean;
    readonly size_after: number;
    readonly rows_read: number;
    readonly rows_written: number;
  };
}

/** SQLite primary result codes by number, as D1 appends them to messages ("…: SQLITE_ERROR"). */
const SQLITE_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  9: "SQLITE_INTERRUPT",
  11: "SQLITE_CORRUPT",
  13: "SQLITE_FULL",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  25: "SQLITE_RANGE",
};

function sqliteError(error: unknown): ApiError {
  const e = error as { message?: string; errcode?: number };
  const name = SQLITE_CODES[(e.errcode ?? 1) & 0xff] ?? "SQLITE_ERROR";
  return new ApiError(
    400,
    CODES.d1QueryError,
    `${e.message ?? String(error)}: ${name}`,
  );
}

function jsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value);
  if (typeof value === "bigint") return Number(value);
  return value;
}

export class D1Store {
  private readonly open = new Map<string, DatabaseSync>();
  private sequence = 0;

  constructor(
    private readonly dir: string,
    readonly records: Map<string, D1Record>,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  private file(uuid: string): string {
    return join(this.dir, `${uuid}.sqlite`);
  }

  find(idOrName: string): D1Record | undefined {
    return (
      this.records.get(idOrName) ??
      [...this.records.values()].find((r) => r.name === idOrName)
    );
  }

  get(idOrName: string): D1Record {
    const record = this.find(idOrName);
    if (record === undefined)
      throw new ApiError(
        404,
        CODES.d1NotFound,
        "The database could not be found.",
      );
    return record;
  }

  create(name: string, uuid: string = randomUUID()): D1Record {
    if (this.find(name) !== undefined || this.records.has(uuid))
      throw new ApiError(
        400,
        7502,
        `A database with that name already exists: ${name}`,
      );
    const record: D1Record = {
      uuid,
      name,
      createdAt: new Date().toISOString(),
      bookmarks: [],
    };
    this.records.set(uuid, record);
    rmSync(this.file(uuid), { force: true });
    this.db(record);
    this.snapshot(record);
    return record;
  }

  private db(record: D1Record): DatabaseSync {
    let db = this.open.get(record.uuid);
    if (db === undefined) {
      db = openD1Database(this.file(record.uuid));
      this.open.set(record.uuid, db);
    }
    return db;
  }

  size(record: D1Record): number {
    const db = this.db(record);
    const row = db
      .prepare(
        "SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size()",
      )
      .get() as { size: number } | undefined;
    return Number(row?.size ?? 0);
  }

  tableCount(record: D1Record): number {
    const row = this.db(record)
      .prepare(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
      )
      .get() as { n: number };
    return Number(row.n);
  }

  /** D1's query endpoint: every statement of `sql` in one transaction, rolled back whole on error. */
  query(
    record: D1Record,
    sql: string,
    params: readonly SQLInputValue[] = [],
  ): StatementResult[] {
    const db = this.db(record);
    const statements = splitSql(sql);
    if (statements.length === 0)
      throw new ApiError(
        400,
        CODES.d1QueryError,
        "No SQL statements detected.",
      );
    const schemaVersion = () =>
      Number(
        (
          db.prepare("PRAGMA schema_version").get() as {
            schema_version: number;
          }
        ).schema_version,
      );
    const totalChanges = () =>
      Number(
        (db.prepare("SELECT total_changes() AS n").get() as { n: number }).n,
      );
    const schemaBefore = schemaVersion();
    const changesBefore = totalChanges();
    const results: StatementResult[] = [];
    db.exec("BEGIN");
    try {
      for (const text of statements) {
        const started = performance.now();
        const before = totalChanges();
        const rows = db
          .prepare(text)
          .all(...(statements.length === 1 ? params : [])) as Record<
          string,
          unknown
        >[];
        const changes = totalChanges() - before;
        const lastRow = db
          .prepare("SELECT last_insert_rowid() AS id")
          .get() as { id: number };
        results.push({
          results: rows.map((row) =>
            Object.fromEntries(
              Object.entries(row).map(([k, v]) => [k, jsonValue(v)]),
            ),
          ),
          success: true,
          meta: {
            served_by: "cloudflare-double",
            served_by_region: "LOCAL",
            duration: performance.now() - started,
            changes,
            last_row_id: Number(lastRow.id),
            changed_db: changes > 0,
            size_after: 0,
            rows_read: rows.length,
            rows_written: changes,
          },
        });
      }
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw sqliteError(error);
    }
    if (totalChanges() !== changesBefore || schemaVersion() !== schemaBefore)
      this.snapshot(record);
    const size = this.size(record);
    return results.map((r) => ({
      ...r,
      meta: { ...r.meta, size_after: size },
    }));
  }

  private snapshot(record: D1Record): Bookmark {
    this.sequence += 1;
    const n = record.bookmarks.length + 1;
    const hash = createHash("md5")
      .update(`${record.uuid}:${n}:${this.sequence}:${Date.now()}`)
      .digest("hex");
    const hex = (v: number) => v.toString(16).padStart(8, "0");
    const bookmark = `${hex(n)}-${hex(this.sequence)}-${hex(0)}-${hash}`;
    const snapshots = join(this.dir, record.uuid);
    mkdirSync(snapshots, { recursive: true });
    const file = join(snapshots, `${hex(n)}.sqlite`);
    rmSync(file, { force: true });
    this.db(record).exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
    const entry = { bookmark, at: new Date().toISOString(), file };
    record.bookmarks.push(entry);
    return entry;
  }

  current(record: D1Record): Bookmark {
    const latest = record.bookmarks.at(-1);
    if (latest === undefined) return this.snapshot(record);
    return latest;
  }

  /** The newest bookmark at or before `timestamp` (Time Travel "info" with a timestamp). */
  at(record: D1Record, timestamp: string): Bookmark {
    const time = Date.parse(timestamp);
    if (Number.isNaN(time))
      throw new ApiError(
        400,
        CODES.d1QueryError,
        `Invalid timestamp: ${timestamp}`,
      );
    const found = record.bookmarks
      .filter((b) => Date.parse(b.at) <= time)
      .at(-1);
    if (found === undefined)
      throw new ApiError(
        400,
        CODES.d1QueryError,
        `No bookmark found at or before ${timestamp}: the database did not exist yet`,
      );
    return found;
  }

  /** Replaces the database with a snapshot; answers the restored and the undo bookmark. */
  restore(
    record: D1Record,
    bookmark: string,
  ): { bookmark: string; previous_bookmark: string; message: string } {
    const target = record.bookmarks.find((b) => b.bookmark === bookmark);
    if (target === undefined || !existsSync(target.file))
      throw new ApiError(
        400,
        CODES.d1QueryError,
        `Bookmark ${bookmark} not found for database ${record.uuid}`,
      );
    const previous = this.current(record);
    this.open.get(record.uuid)?.close();
    this.open.delete(record.uuid);
    copyFileSync(target.file, this.file(record.uuid));
    // The restored state is a moment of its own: later "info" calls answer it.
    this.snapshot(record);
    return {
      bookmark,
      previous_bookmark: previous.bookmark,
      message: "Database restored successfully",
    };
  }

  /**
   * Deletes a database: its file, its Time Travel snapshots and its record (DELETE …/d1/database/{id};
   * D1 keeps nothing to restore afterwards either).
   */
  delete(record: D1Record): void {
    this.open.get(record.uuid)?.close();
    this.open.delete(record.uuid);
    rmSync(this.file(record.uuid), { force: true });
    rmSync(join(this.dir, record.uuid), { recursive: true, force: true });
    this.records.delete(record.uuid);
  }

  /** Read-only access for the health synthesizer and tests. */
  read(record: D1Record, sql: string): Record<string, unknown>[] {
    return this.db(record).prepare(sql).all() as Record<string, unknown>[];
  }

  close(): void {
    for (const db of this.open.values()) db.close();
    this.open.clear();
  }
}

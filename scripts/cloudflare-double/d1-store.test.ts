import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { D1Store, type D1Record } from "./d1-store";
import { ApiError } from "./envelope";

let dir: string;
let store: D1Store;
let db: D1Record;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "d1-store-"));
  store = new D1Store(dir, new Map());
  db = store.create("test-db");
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = () => store.read(db, "SELECT count(*) AS n FROM t")[0]?.n;

describe("D1Store", () => {
  it("answers one result per statement, with rows and changes", () => {
    const results = store.query(
      db,
      "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a'), ('b'); SELECT v FROM t ORDER BY id",
    );
    expect(results.map((r) => r.meta.changes)).toEqual([0, 2, 0]);
    expect(results[2]?.results).toEqual([{ v: "a" }, { v: "b" }]);
  });

  it("rolls the whole request back when a statement fails, and reports SQLite's message with code 7500", () => {
    store.query(db, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
    const failing = () =>
      store.query(
        db,
        "INSERT INTO t VALUES (1); INSERT INTO missing VALUES (1)",
      );
    expect(failing).toThrow(ApiError);
    expect(failing).toThrow("no such table: missing: SQLITE_ERROR");
    expect(count()).toBe(0);
  });

  it("enforces foreign keys", () => {
    store.query(
      db,
      "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id))",
    );
    expect(() => store.query(db, "INSERT INTO c VALUES (42)")).toThrow(
      /FOREIGN KEY constraint failed: SQLITE_CONSTRAINT/,
    );
  });

  it("reads a double-quoted string in DML as the text D1 writes (its SQLite is built with DQS on), not as a missing column", () => {
    store.query(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, status TEXT)");
    store.query(db, "INSERT INTO t (id) VALUES (1)");
    store.query(db, 'UPDATE t SET status = "draft" WHERE status IS NULL');
    expect(store.read(db, "SELECT status FROM t")).toEqual([
      { status: "draft" },
    ]);
  });

  it("restores a bookmark's rows and answers the bookmark that undoes the restore", () => {
    store.query(db, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
    const before = store.current(db).bookmark;
    store.query(db, "INSERT INTO t VALUES (1), (2)");
    const latest = store.current(db).bookmark;
    expect(latest).not.toBe(before);
    const restored = store.restore(db, before);
    expect(restored).toMatchObject({
      bookmark: before,
      previous_bookmark: latest,
    });
    expect(count()).toBe(0);
    store.restore(db, restored.previous_bookmark);
    expect(count()).toBe(2);
  });

  it("does not take a snapshot for a read-only request", () => {
    store.query(db, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
    const n = db.bookmarks.length;
    store.query(db, "SELECT * FROM t");
    expect(db.bookmarks).toHaveLength(n);
  });
});

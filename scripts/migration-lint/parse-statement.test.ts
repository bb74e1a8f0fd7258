import { describe, expect, it } from "vitest";
import { parseOne } from "./test-support";

describe("parseStatement", () => {
  it("reads CREATE TABLE with columns and foreign keys", () => {
    expect(
      parseOne(
        "CREATE TABLE IF NOT EXISTS `s` (`id` int, `u` int REFERENCES `users`(`id`) ON DELETE cascade)",
      ),
    ).toEqual({
      kind: "create-table",
      table: "s",
      columns: [
        { name: "id", notNull: false, hasDefault: false },
        { name: "u", notNull: false, hasDefault: false },
      ],
      foreignKeys: [
        { columns: ["u"], parentTable: "users", onDelete: "CASCADE" },
      ],
    });
    expect(parseOne("create temporary table t (a)")).toMatchObject({
      kind: "create-table",
      table: "t",
    });
    expect(parseOne("CREATE TEMP TABLE t (a) STRICT")).toMatchObject({
      kind: "create-table",
      table: "t",
    });
    expect(parseOne("CREATE TABLE t AS SELECT 1")).toEqual({
      kind: "create-table",
      table: "t",
      columns: [],
      foreignKeys: [],
    });
  });

  it.each([
    [
      "ALTER TABLE `a` RENAME TO `b`",
      { kind: "rename-table", table: "a", newName: "b" },
    ],
    [
      "ALTER TABLE a RENAME COLUMN b TO c",
      { kind: "rename-column", table: "a", column: "b", newName: "c" },
    ],
    [
      "ALTER TABLE a RENAME b TO c",
      { kind: "rename-column", table: "a", column: "b", newName: "c" },
    ],
    [
      "ALTER TABLE a DROP COLUMN b",
      { kind: "drop-column", table: "a", column: "b" },
    ],
    ["ALTER TABLE a DROP b", { kind: "drop-column", table: "a", column: "b" }],
    [
      "ALTER TABLE a ADD COLUMN b int NOT NULL REFERENCES p ON DELETE CASCADE",
      {
        kind: "add-column",
        table: "a",
        column: { name: "b", notNull: true, hasDefault: false },
        foreignKeys: [
          { columns: ["b"], parentTable: "p", onDelete: "CASCADE" },
        ],
      },
    ],
    [
      "ALTER TABLE a ADD b int",
      {
        kind: "add-column",
        table: "a",
        column: { name: "b", notNull: false, hasDefault: false },
        foreignKeys: [],
      },
    ],
    ["DROP TABLE IF EXISTS main.`a`", { kind: "drop-table", table: "a" }],
    ["PRAGMA Foreign_Keys=OFF", { kind: "pragma", name: "foreign_keys" }],
    [
      "PRAGMA main.defer_foreign_keys(1)",
      { kind: "pragma", name: "defer_foreign_keys" },
    ],
    ["DELETE FROM a", { kind: "delete", table: "a", hasWhere: false }],
    [
      "DELETE FROM a WHERE id IN (SELECT 1)",
      { kind: "delete", table: "a", hasWhere: true },
    ],
    ["DELETE FROM a LIMIT 1", { kind: "delete", table: "a", hasWhere: false }],
    [
      "UPDATE a SET b = (SELECT c FROM d WHERE 1)",
      { kind: "update", table: "a", hasWhere: false },
    ],
    [
      "UPDATE OR IGNORE a SET b = 1 WHERE c",
      { kind: "update", table: "a", hasWhere: true },
    ],
    [
      "WITH x AS (SELECT 1) DELETE FROM a",
      { kind: "delete", table: "a", hasWhere: false },
    ],
    [
      "WITH x AS (DELETE FROM b) UPDATE a SET c = 1 WHERE 1",
      { kind: "update", table: "a", hasWhere: true },
    ],
    [
      "WITH x AS (SELECT 1) INSERT INTO a SELECT * FROM x",
      { kind: "other", keyword: "INSERT" },
    ],
    [
      "WITH x AS (SELECT 1) SELECT * FROM x",
      { kind: "other", keyword: "SELECT" },
    ],
    [
      "WITH x AS (SELECT 1) REPLACE INTO a SELECT 1",
      { kind: "other", keyword: "REPLACE" },
    ],
    [
      "INSERT INTO a VALUES (1) ON CONFLICT DO NOTHING",
      { kind: "other", keyword: "INSERT" },
    ],
    [
      "CREATE UNIQUE INDEX i ON a (b)",
      { kind: "other", keyword: "CREATE UNIQUE" },
    ],
    ["CREATE VIEW v AS SELECT 1", { kind: "other", keyword: "CREATE VIEW" }],
    [
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END",
      { kind: "other", keyword: "CREATE TRIGGER" },
    ],
    ["DROP INDEX IF EXISTS i", { kind: "drop-index", name: "i" }],
    ["DROP VIEW v", { kind: "other", keyword: "DROP VIEW" }],
    ["DROP TRIGGER t", { kind: "other", keyword: "DROP TRIGGER" }],
    ["VACUUM", { kind: "other", keyword: "VACUUM" }],
  ])("%s", (sql, expected) => {
    expect(parseOne(sql)).toEqual(expected);
  });

  it.each([
    ["SELECT (1", "unbalanced parentheses"],
    ["(SELECT 1)", 'a statement cannot start with "("'],
    ["'x'", 'a statement cannot start with "x"'],
    ["FROBNICATE a", 'unknown statement "FROBNICATE"'],
    [
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1",
      "CREATE TRIGGER without a closing END",
    ],
    ["CREATE SEQUENCE s", 'unknown CREATE statement "CREATE SEQUENCE"'],
    ["CREATE", 'unknown CREATE statement "CREATE "'],
    ["CREATE TABLE", "CREATE TABLE without a table name"],
    ["CREATE TABLE t", 'CREATE TABLE t: expected "(" or AS after the name'],
    [
      "CREATE TABLE t (a int,)",
      "CREATE TABLE t: empty column definition (stray comma?)",
    ],
    ["ALTER TABLE", "ALTER TABLE without a table name"],
    ["ALTER TABLE a RENAME TO", "RENAME TO without a new name"],
    ["ALTER TABLE a RENAME COLUMN b", "expected RENAME [COLUMN] old TO new"],
    ["ALTER TABLE a RENAME COLUMN TO c", "expected RENAME [COLUMN] old TO new"],
    ["ALTER TABLE a DROP COLUMN", "DROP COLUMN without a column name"],
    ["ALTER TABLE a ADD COLUMN 'b'", "ADD COLUMN: expected a column name"],
    ["ALTER TABLE a SET x", "ALTER TABLE a: expected RENAME, ADD or DROP"],
    ["DROP SCHEMA s", 'unknown DROP statement "DROP SCHEMA"'],
    ["DROP", 'unknown DROP statement "DROP "'],
    ["DROP TABLE", "DROP TABLE without a table name"],
    ["PRAGMA", "PRAGMA without a name"],
    ["DELETE a", "expected DELETE FROM or UPDATE"],
    ["DELETE FROM", "DELETE without a table name"],
    ["UPDATE", "UPDATE without a table name"],
    ["WITH x AS (SELECT 1)", "WITH without a DELETE, UPDATE, INSERT or SELECT"],
  ])("%s is a parse error: %s", (sql, message) => {
    expect(parseOne(sql)).toEqual({ kind: "parse-error", message, line: 1 });
  });

  it("reports a parse error on the line of the unbalanced parenthesis", () => {
    expect(parseOne("CREATE TABLE t (\n  a int,\n  b (int\n)")).toEqual({
      kind: "parse-error",
      message: "unbalanced parentheses",
      line: 1,
    });
    expect(parseOne("SELECT 1\n)")).toMatchObject({ line: 2 });
    expect(parseOne("\n\nFROBNICATE")).toMatchObject({ line: 3 });
  });
});

import { describe, expect, it } from "vitest";
import {
  failing,
  lintMigrations,
  type MigrationSource,
} from "./lint-migrations";

/** Tables a … d, created by an earlier migration, so the replay has rows to lose. */
const init: MigrationSource = {
  file: "0000.sql",
  sql: "CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id int); CREATE TABLE d (id int);",
};

describe("lintMigrations", () => {
  it("carries the schema from earlier files into later ones", () => {
    const { findings, schema } = lintMigrations([
      {
        file: "0000.sql",
        sql: "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p int REFERENCES p ON DELETE CASCADE);",
      },
      { file: "0001.sql", sql: "\n\nDROP TABLE p;" },
    ]);
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      ["0001.sql", 3, "drop-table"],
      ["0001.sql", 3, "rebuild-cascade"],
    ]);
    expect([...schema.keys()]).toEqual(["c"]);
  });

  it("keeps only the static rules when the replay is off", () => {
    const { findings } = lintMigrations(
      [
        { file: "a.sql", sql: "CREATE TABLE p (id int)" },
        { file: "b.sql", sql: "ALTER TABLE p DROP id" },
      ],
      { replay: false },
    );
    expect(findings.map((f) => f.rule)).toEqual(["drop-column"]);
    expect(lintMigrations([]).findings).toEqual([]);
  });

  it("marks a finding allowed by a comment before or on the statement, and only that rule", () => {
    const sql = [
      "-- migration-lint: allow drop-table: unused since 2026-10",
      "DROP TABLE a;",
      "DROP TABLE b; -- migration-lint: allow drop-table: also unused",
      "DROP TABLE c; -- migration-lint: allow drop-column: wrong rule",
      "DROP TABLE d;",
    ].join("\n");
    const { findings } = lintMigrations([init, { file: "x.sql", sql }]);
    expect(findings.map((f) => [f.line, f.rule, f.allowedBecause])).toEqual([
      [2, "drop-table", "unused since 2026-10"],
      [3, "drop-table", "also unused"],
      [4, "drop-table", undefined],
      [5, "drop-table", undefined],
    ]);
    expect(failing(findings).map((f) => f.line)).toEqual([4, 5]);
  });

  it("reports an allow without a reason and does not let it allow anything", () => {
    const { findings } = lintMigrations([
      init,
      {
        file: "x.sql",
        sql: "DROP TABLE a; -- migration-lint: allow drop-table",
      },
    ]);
    expect(
      findings.map((f) => [f.file, f.line, f.rule, f.allowedBecause]),
    ).toEqual([
      ["x.sql", 1, "drop-table", undefined],
      ["x.sql", 1, "allow-without-reason", undefined],
    ]);
  });

  it("sorts findings of a file by line", () => {
    const { findings } = lintMigrations([
      init,
      {
        file: "x.sql",
        sql: "DELETE FROM a;\n-- migration-lint: allow\nDROP TABLE b;",
      },
    ]);
    expect(findings.map((f) => [f.line, f.rule])).toEqual([
      [1, "unbounded-delete"],
      [2, "allow-unknown-rule"],
      [3, "drop-table"],
    ]);
  });

  it("reports a lexical error as a parse error, after linting what came before", () => {
    const { findings } = lintMigrations([
      init,
      { file: "x.sql", sql: "DELETE FROM a;\nSELECT 'open;\nDROP TABLE b;" },
    ]);
    expect(
      findings.map((f) => ({
        line: f.line,
        rule: f.rule,
        message: f.message,
        fix: f.fix,
      })),
    ).toEqual([
      {
        line: 1,
        rule: "unbounded-delete",
        message: expect.any(String),
        fix: expect.any(String),
      },
      {
        line: 2,
        rule: "parse-error",
        message:
          "cannot read the file from here on: unterminated string literal",
        fix: "close the quote or comment that starts on this line",
      },
    ]);
  });

  it("allows a parse error with a reason", () => {
    const { findings } = lintMigrations([
      {
        file: "x.sql",
        sql: "-- migration-lint: allow parse-error: SQLite accepts it\nFROBNICATE;",
      },
    ]);
    expect(failing(findings)).toEqual([]);
    expect(findings[0]?.allowedBecause).toBe("SQLite accepts it");
  });

  it("notes, rather than reports, a table no migration in the folder creates (a base migration outside it)", () => {
    const { findings, notes } = lintMigrations([
      { file: "0007.sql", sql: "ALTER TABLE `base` ADD `x` text;" },
    ]);
    expect(findings).toEqual([]);
    expect(notes).toEqual([
      "0007.sql: not replayed — no migration in this folder creates table base (a base migration outside it?); findings come from the static rules",
    ]);
  });

  it("still reports a table the folder creates only in a later migration (wrong order)", () => {
    const { findings } = lintMigrations([
      { file: "0001.sql", sql: "ALTER TABLE `users` ADD `x` text;" },
      { file: "0002.sql", sql: "CREATE TABLE `users` (id integer);" },
    ]);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      "0001.sql:1 sql-error",
    ]);
  });

  it("reports BEGIN/COMMIT in a migration as D1 rejects it, at the first such statement", () => {
    const { findings } = lintMigrations([
      init,
      {
        file: "0001.sql",
        sql: "CREATE TABLE e (id int);\nCOMMIT TRANSACTION;\nBEGIN TRANSACTION;",
      },
    ]);
    expect(findings.map((f) => `${f.line} ${f.rule}: ${f.message}`)).toEqual([
      "2 sql-error: D1 rejects BEGIN/COMMIT/ROLLBACK/SAVEPOINT in a migration: it runs each file in its own transaction, so wrangler d1 migrations apply fails",
    ]);
  });

  it("says wrangler refuses drizzle's COMMIT / PRAGMA / BEGIN escape even locally (several transactions)", () => {
    // As wrangler 4 answered `d1 migrations apply --local` on this shape (checked by hand, issue 21).
    const { findings } = lintMigrations([
      init,
      {
        file: "0001.sql",
        sql: "COMMIT TRANSACTION;\nPRAGMA foreign_keys = OFF;\nBEGIN TRANSACTION;\nCREATE TABLE e (id int);\nCOMMIT TRANSACTION;\nPRAGMA foreign_keys = ON;\nBEGIN TRANSACTION;",
      },
    ]);
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(["1 sql-error"]);
    expect(findings[0]?.message).toContain(
      '"Wrangler could not process the provided SQL file, as it contains several transactions"',
    );
  });

  it("says why the FK-off escape cannot work on D1 and what to write instead (homarr's shape, judge corpus)", () => {
    const { findings } = lintMigrations([
      init,
      {
        file: "0001.sql",
        sql: "COMMIT TRANSACTION;\nPRAGMA foreign_keys = OFF;\nBEGIN TRANSACTION;\nCREATE TABLE e (id int);\nCOMMIT TRANSACTION;\nPRAGMA foreign_keys = ON;\nBEGIN TRANSACTION;",
      },
    ]);
    expect(findings[0]?.message).toContain(
      "on D1 it cannot work: the file is one transaction, inside which SQLite ignores PRAGMA foreign_keys",
    );
    expect(findings[0]?.fix).toMatch(
      /^delete the COMMIT\/BEGIN TRANSACTION statements and both PRAGMA foreign_keys lines, and start the file with PRAGMA defer_foreign_keys = ON/,
    );
  });
});

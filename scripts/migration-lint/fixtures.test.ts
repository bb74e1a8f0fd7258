import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { failing, lintMigrations } from "./lint-migrations";
import { listMigrationFiles } from "./migration-files";

const fixtures = join(import.meta.dirname, "fixtures");

function lintSet(name: string) {
  const sources = listMigrationFiles(join(fixtures, name)).map((file) => ({
    file: file.slice(fixtures.length + 1),
    sql: readFileSync(file, "utf8"),
  }));
  return lintMigrations(sources).findings;
}

/** The failing findings of a set as "file:line rule". */
const failures = (name: string) =>
  failing(lintSet(name)).map((f) => `${f.file}:${f.line} ${f.rule}`);

describe("fixture migration sets", () => {
  it("has a violating set for every statement rule", () => {
    const sets = readdirSync(fixtures).sort();
    expect(sets).toEqual([
      "allow-without-reason",
      "allowed",
      "delete-by-join",
      "dqs-literal",
      "drop-added-column",
      "drop-column",
      "drop-table",
      "duplicate-unique",
      "fails-on-data",
      "not-null-without-default",
      "null-into-not-null",
      "parse-error",
      "rebuild-cascade",
      "rename-column",
      "rename-re-add",
      "rename-table",
      "rows-lost",
      "safe",
      "two-fk-check",
      "unbounded-delete",
      "unbounded-update",
      "unique-lost",
      "value-reset",
      "values-lost",
      "where-rewrite",
    ]);
  });

  it("passes the safe set without findings", () => {
    expect(lintSet("safe")).toEqual([]);
  });

  it("keeps the safe set valid SQLite, so passing it means something", () => {
    const db = new DatabaseSync(":memory:");
    db.exec("PRAGMA foreign_keys = ON");
    for (const file of listMigrationFiles(join(fixtures, "safe"))) {
      expect(() => db.exec(readFileSync(file, "utf8")), file).not.toThrow();
    }
    db.close();
  });

  it.each([
    ["drop-table", ["drop-table/0001_drop_sessions.sql:1 drop-table"]],
    ["drop-column", ["drop-column/0001_drop_age.sql:1 drop-column"]],
    ["rename-table", ["rename-table/0001_rename_sessions.sql:1 rename-table"]],
    ["rename-column", ["rename-column/0001_rename_email.sql:1 rename-column"]],
    [
      "fails-on-data",
      [
        "fails-on-data/0001_add_created_at.sql:3 fails-on-data",
        "fails-on-data/0002_unique_session_user.sql:2 fails-on-data",
      ],
    ],
    [
      "unique-lost",
      [
        "unique-lost/0001_rebuild_users.sql:10 rebuild-cascade",
        "unique-lost/0001_rebuild_users.sql:10 unique-lost",
      ],
    ],
    ["rows-lost", ["rows-lost/0001_unique_session_user.sql:11 rows-lost"]],
    [
      "values-lost",
      [
        "values-lost/0001_forget_age.sql:10 rebuild-cascade",
        "values-lost/0001_forget_age.sql:10 values-lost",
      ],
    ],
    [
      "not-null-without-default",
      ["not-null-without-default/0001_add_nick.sql:1 not-null-without-default"],
    ],
    [
      "unbounded-delete",
      ["unbounded-delete/0001_clear_sessions.sql:1 unbounded-delete"],
    ],
    [
      "unbounded-update",
      ["unbounded-update/0001_reset_age.sql:1 unbounded-update"],
    ],
    ["parse-error", ["parse-error/0001_broken.sql:3 parse-error"]],
    [
      "allow-without-reason",
      [
        "allow-without-reason/0001_drop_sessions.sql:1 allow-without-reason",
        "allow-without-reason/0001_drop_sessions.sql:2 drop-table",
      ],
    ],
    [
      "rebuild-cascade",
      ["rebuild-cascade/0001_age_to_text.sql:9 rebuild-cascade"],
    ],
    // Issue 21: each of these passed before the replay seeded like production.
    [
      "drop-added-column",
      ["drop-added-column/0002_drop_nickname.sql:2 drop-column"],
    ],
    ["value-reset", ["value-reset/0001_rebuild_monitor.sql:10 values-changed"]],
    [
      "rename-re-add",
      ["rename-re-add/0001_rename_updated_at.sql:2 values-lost"],
    ],
    ["two-fk-check", ["two-fk-check/0001_rebuild_follows.sql:11 values-lost"]],
    // Issue 21, second round: each of these passed before.
    [
      "where-rewrite",
      [
        "where-rewrite/0001_reset_appearance.sql:2 values-changed",
        "where-rewrite/0002_force_slug_type.sql:2 values-changed",
        "where-rewrite/0003_remove_legacy_plugin.sql:1 rows-lost",
        "where-rewrite/0004_https_links.sql:2 values-changed",
        "where-rewrite/0005_double_quoted_names.sql:3 values-changed",
      ],
    ],
    [
      "duplicate-unique",
      ["duplicate-unique/0001_unique_group_name.sql:2 fails-on-data"],
    ],
    ["dqs-literal", ["dqs-literal/0001_add_type.sql:9 values-changed"]],
    // Judge corpus, third round: passed before.
    [
      "null-into-not-null",
      ["null-into-not-null/0001_summary_not_null.sql:11 fails-on-data"],
    ],
    // Judge corpus, fourth round: passed before (no generated row meets a join's condition).
    [
      "delete-by-join",
      ["delete-by-join/0001_remove_refund_prices.sql:2 rows-lost"],
    ],
  ])("fails the %s set with exactly its findings", (name, expected) => {
    expect(failures(name)).toEqual(expected);
  });

  it("names the child table in drizzle-kit's real cascading rebuild", () => {
    const finding = lintSet("rebuild-cascade").find(
      (f) => f.rule === "rebuild-cascade",
    );
    expect(finding?.message).toContain(
      "sessions: 3 of 3 rows deleted (ON DELETE CASCADE) when users is dropped",
    );
  });

  it("says how many values a reset changed, with one example", () => {
    const finding = lintSet("value-reset").find(
      (f) => f.rule === "values-changed",
    );
    expect(finding?.message).toMatch(
      /^monitor\.status: 2 of 3 values changed \('(degraded|paused)' → 'active'\)/,
    );
  });

  it("names the rows a DELETE joined to another table removes, though no generated row met it", () => {
    const finding = lintSet("delete-by-join").find(
      (f) => f.rule === "rows-lost",
    );
    expect(finding?.message).toMatch(
      /^prices: deletes the rows production holds where `origin` = 'IMPORT' AND `id` IN \(.* the replay could not build a row that meets it \(origin = 'IMPORT' alone does not: the rest depends on other tables' rows/,
    );
  });

  it("seeds a table whose CHECK compares two foreign keys, so nothing about it is left unjudged", () => {
    const { notes } = lintMigrations(
      listMigrationFiles(join(fixtures, "two-fk-check")).map((file) => ({
        file,
        sql: readFileSync(file, "utf8"),
      })),
    );
    expect(notes).toEqual([]);
  });

  it("passes the allowed set, keeping the reasons", () => {
    const findings = lintSet("allowed");
    expect(failing(findings)).toEqual([]);
    expect(findings.map((f) => [f.line, f.rule, f.allowedBecause])).toEqual([
      [
        2,
        "drop-table",
        "sessions moved to KV in release 2026.10; no code reads this table",
      ],
      [3, "unbounded-delete", "staging reset, approved in #42"],
    ]);
  });
});

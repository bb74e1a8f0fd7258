import { describe, expect, it } from "vitest";
import { lintMigrations } from "../lint-migrations";

const parents = `CREATE TABLE users (id int PRIMARY KEY, email text, age int);
CREATE TABLE sessions (id int, user_id int REFERENCES users(id) ON DELETE CASCADE);
CREATE TABLE posts (id int, author_id int, FOREIGN KEY (author_id) REFERENCES users(id) ON DELETE SET NULL);
CREATE TABLE avatars (user_id int REFERENCES users(id) ON DELETE SET DEFAULT);
CREATE TABLE likes (user_id int REFERENCES users(id) ON DELETE RESTRICT);
CREATE TABLE notes (id int);`;

/**
 * Lints `sql` as a second migration after `parents` with the static rules only (what they say and
 * why; replay.test.ts covers whether the replay keeps them).
 */
function lint(sql: string) {
  const { findings } = lintMigrations(
    [
      { file: "0000.sql", sql: parents },
      { file: "0001.sql", sql },
    ],
    { replay: false },
  );
  return findings.map(({ line, rule, message, fix }) => ({
    line,
    rule,
    message,
    fix,
  }));
}

const rules = (sql: string) => lint(sql).map((f) => `${f.line} ${f.rule}`);

describe("drop-table", () => {
  it("flags dropping a table", () => {
    expect(lint("\nDROP TABLE notes")).toEqual([
      {
        line: 2,
        rule: "drop-table",
        message:
          "DROP TABLE notes deletes the table and all its rows; the Worker still running during rollout may query it",
        fix: 'release code that no longer uses notes first, drop it in a later migration, and annotate it with "-- migration-lint: allow drop-table: <reason>"',
      },
    ]);
  });

  it("does not flag a rebuild's drop, or a helper table created in the same file", () => {
    expect(
      rules(
        "CREATE TABLE __new_notes (id int); DROP TABLE notes; ALTER TABLE __new_notes RENAME TO notes",
      ),
    ).toEqual([]);
    expect(rules("CREATE TABLE Tmp (id int); DROP TABLE tmp")).toEqual([]);
    expect(rules("DROP TABLE tmp; CREATE TABLE tmp (id int)")).toEqual([
      "1 drop-table",
    ]);
  });
});

describe("drop-column", () => {
  it("flags ALTER TABLE … DROP COLUMN", () => {
    expect(lint("ALTER TABLE users DROP COLUMN age")).toEqual([
      {
        line: 1,
        rule: "drop-column",
        message:
          "drops column users.age and its data; the Worker still running during rollout may use it",
        fix: 'release code that no longer reads or writes users.age first, drop it in a later migration, and annotate it with "-- migration-lint: allow drop-column: <reason>"',
      },
    ]);
  });

  it("flags a rebuild whose new table lacks columns of the old one", () => {
    const sql =
      "CREATE TABLE __new_notes (ID int);\nDROP TABLE notes;\nALTER TABLE __new_notes RENAME TO notes";
    expect(rules(sql)).toEqual([]);
    const dropping =
      "CREATE TABLE __new_users (id int);\nDROP TABLE users;\nALTER TABLE __new_users RENAME TO users";
    expect(lint(dropping).filter((f) => f.rule === "drop-column")).toEqual([
      expect.objectContaining({
        line: 2,
        message:
          "rebuild of users drops column users.email (__new_users has no such column)",
      }),
      expect.objectContaining({
        line: 2,
        message:
          "rebuild of users drops column users.age (__new_users has no such column)",
        fix: expect.stringContaining("users.age"),
      }),
    ]);
  });

  it("does not compare columns for a drop that is not a rebuild or of an unknown table", () => {
    expect(rules("DROP TABLE ghost; ALTER TABLE x RENAME TO ghost")).toEqual(
      [],
    );
  });
});

describe("rename-table and rename-column", () => {
  it("flags renames outside a rebuild", () => {
    expect(lint("ALTER TABLE notes RENAME TO memos")).toEqual([
      {
        line: 1,
        rule: "rename-table",
        message:
          "renames table notes to memos; the Worker still running during rollout queries notes and fails",
        fix: 'expand and contract: create memos, copy rows, switch the code, drop notes in a later release — or annotate with "-- migration-lint: allow rename-table: <reason>"',
      },
    ]);
    expect(lint("ALTER TABLE users RENAME COLUMN email TO mail")).toEqual([
      {
        line: 1,
        rule: "rename-column",
        message:
          "renames column users.email to mail; the Worker still running during rollout uses email and fails",
        fix: 'expand and contract: add mail, backfill it, switch the code, drop email in a later release — or annotate with "-- migration-lint: allow rename-column: <reason>"',
      },
    ]);
  });
});

describe("rebuild-cascade", () => {
  it("names every child whose rows a rebuild deletes or clears", () => {
    const sql =
      "CREATE TABLE __new_users (id int, email text, age text);\nDROP TABLE users;\nALTER TABLE __new_users RENAME TO users";
    expect(lint(sql)).toEqual([
      {
        line: 2,
        rule: "rebuild-cascade",
        message:
          "rebuild of users (DROP TABLE users, then RENAME __new_users) loses data in child tables sessions, posts, avatars: sessions(user_id) ON DELETE CASCADE; posts(author_id) ON DELETE SET NULL; avatars(user_id) ON DELETE SET DEFAULT fires although the migration reports success (D1 ignores PRAGMA foreign_keys=OFF)",
        fix: 'make the change without rebuilding users, or copy the rows of sessions, posts, avatars aside before the DROP and re-insert them after the RENAME (PRAGMA defer_foreign_keys = on), then annotate with "-- migration-lint: allow rebuild-cascade: <reason>"',
      },
    ]);
  });

  it("lists every column of a composite foreign key", () => {
    const findings = lint(
      "CREATE TABLE p (a int, b int); CREATE TABLE c (x int, y int, FOREIGN KEY (x, y) REFERENCES p (a, b) ON DELETE CASCADE);\nDROP TABLE p",
    );
    expect(findings[0]?.message).toContain("c(x, y) ON DELETE CASCADE");
  });

  it("also flags a plain drop of a parent, once per child table", () => {
    const findings = lint(
      "CREATE TABLE p (id int); CREATE TABLE c (a int REFERENCES p ON DELETE CASCADE, b int REFERENCES p ON DELETE CASCADE);\nDROP TABLE p",
    );
    expect(findings.map((f) => f.rule)).toEqual(["rebuild-cascade"]);
    expect(findings[0]?.message).toBe(
      "DROP TABLE p loses data in child tables c: c(a) ON DELETE CASCADE; c(b) ON DELETE CASCADE fires although the migration reports success (D1 ignores PRAGMA foreign_keys=OFF)",
    );
  });

  it("ignores children with RESTRICT or NO ACTION, and parents without children", () => {
    expect(
      rules(
        "CREATE TABLE p (id int); CREATE TABLE c (a int REFERENCES p ON DELETE RESTRICT, b int REFERENCES p);\nDROP TABLE p",
      ),
    ).toEqual([]);
    expect(rules("DROP TABLE likes")).toEqual(["1 drop-table"]);
    expect(
      rules(
        "CREATE TABLE __new_sessions (id int, user_id int); DROP TABLE sessions; ALTER TABLE __new_sessions RENAME TO sessions",
      ),
    ).toEqual([]);
  });

  it("follows children whose parent was renamed earlier", () => {
    expect(
      rules("ALTER TABLE users RENAME TO people;\nDROP TABLE people"),
    ).toEqual(["1 rename-table", "2 drop-table", "2 rebuild-cascade"]);
  });
});

describe("not-null-without-default", () => {
  it("flags an added NOT NULL column without DEFAULT", () => {
    expect(lint("ALTER TABLE users ADD COLUMN nick text NOT NULL")).toEqual([
      {
        line: 1,
        rule: "not-null-without-default",
        message:
          "adds NOT NULL column users.nick without a DEFAULT; SQLite rejects it on a table with rows (a fresh local D1 accepts it), and old code inserting rows without it would fail",
        fix: "give nick a DEFAULT, or add it nullable, backfill it, and make it NOT NULL once every writer sets it",
      },
    ]);
  });

  it("accepts nullable columns, defaults, and NOT NULL in new tables", () => {
    expect(
      rules(
        "ALTER TABLE users ADD nick text; ALTER TABLE users ADD plan text NOT NULL DEFAULT 'free'; CREATE TABLE t (a int NOT NULL)",
      ),
    ).toEqual([]);
  });
});

describe("unbounded-delete and unbounded-update", () => {
  it("flags DELETE and UPDATE without a top-level WHERE", () => {
    expect(lint("DELETE FROM sessions")).toEqual([
      {
        line: 1,
        rule: "unbounded-delete",
        message:
          "DELETE FROM sessions has no WHERE clause and deletes every row",
        fix: 'add a WHERE clause naming the rows to delete, or annotate with "-- migration-lint: allow unbounded-delete: <reason>"',
      },
    ]);
    expect(lint("UPDATE users SET age = (SELECT 1 WHERE 1)")).toEqual([
      {
        line: 1,
        rule: "unbounded-update",
        message: "UPDATE users has no WHERE clause and rewrites every row",
        fix: 'add a WHERE clause naming the rows to change, or annotate with "-- migration-lint: allow unbounded-update: <reason>"',
      },
    ]);
  });

  it("accepts bounded writes and writes inside a trigger body", () => {
    expect(
      rules(
        "DELETE FROM sessions WHERE id = 1; UPDATE users SET age = 1 WHERE id = 2",
      ),
    ).toEqual([]);
    expect(
      rules(
        "CREATE TRIGGER t AFTER DELETE ON users BEGIN DELETE FROM sessions; END",
      ),
    ).toEqual([]);
  });
});

describe("parse-error", () => {
  it("reports an unreadable statement and keeps linting the rest", () => {
    expect(lint("CREATE TABLE broken (id int;\nDELETE FROM notes")).toEqual([
      {
        line: 1,
        rule: "parse-error",
        message: "cannot read this statement: unbalanced parentheses",
        fix: 'fix the SQL (quotes, parentheses, keywords); if SQLite accepts it as written, annotate with "-- migration-lint: allow parse-error: <reason>"',
      },
      expect.objectContaining({ line: 2, rule: "unbounded-delete" }),
    ]);
  });
});

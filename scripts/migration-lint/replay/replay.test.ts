import { describe, expect, it } from "vitest";
import { lintMigrations } from "../lint-migrations";

const schema = `CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE, age integer);
CREATE TABLE sessions (id text PRIMARY KEY, user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE);
CREATE TABLE posts (id integer PRIMARY KEY, author_id integer REFERENCES users(id) ON DELETE SET NULL);`;

/** Replays `sql` as the second migration after `schema`; returns "line rule: message". */
function replay(sql: string, init = schema): string[] {
  const { findings } = lintMigrations([
    { file: "0000.sql", sql: init },
    { file: "0001.sql", sql },
  ]);
  return findings.map((f) => `${f.line} ${f.rule}: ${f.message}`);
}

const rebuildUsers = `CREATE TABLE __new_users (id integer PRIMARY KEY, email text NOT NULL UNIQUE, age text);
INSERT INTO __new_users SELECT id, email, age FROM users;
DROP TABLE users;
ALTER TABLE __new_users RENAME TO users;`;

describe("replay on seeded SQLite", () => {
  it("measures what a rebuild's DROP does to children with foreign keys ON (PRAGMA foreign_keys=OFF is a no-op)", () => {
    expect(
      replay(
        `PRAGMA foreign_keys=OFF;\n${rebuildUsers}\nPRAGMA foreign_keys=ON;`,
      ),
    ).toEqual([
      "4 rebuild-cascade: posts.author_id: 3 of 3 values set to NULL (ON DELETE SET NULL) when users is dropped; D1 keeps foreign keys ON inside the migration",
      "4 rebuild-cascade: sessions: 3 of 3 rows deleted (ON DELETE CASCADE) when users is dropped; D1 keeps foreign keys ON inside the migration, so PRAGMA foreign_keys=OFF does not stop it",
    ]);
  });

  it("reports nothing for a rebuild that copies the children aside and restores them", () => {
    const careful = `PRAGMA defer_foreign_keys = on;
CREATE TABLE sessions_keep AS SELECT * FROM sessions;
CREATE TABLE posts_keep AS SELECT * FROM posts;
${rebuildUsers}
INSERT INTO sessions SELECT * FROM sessions_keep;
UPDATE posts SET author_id = (SELECT author_id FROM posts_keep WHERE posts_keep.id = posts.id);
DROP TABLE sessions_keep;
DROP TABLE posts_keep;`;
    expect(replay(careful)).toEqual([]);
  });

  it("reports the rows a DELETE … WHERE names and the children it cascades to (issue 21: production holds them)", () => {
    expect(replay("DELETE FROM users WHERE id = 1;")).toEqual([
      "1 rebuild-cascade: posts.author_id: 1 of 3 values set to NULL (ON DELETE SET NULL) when rows of users are deleted; D1 keeps foreign keys ON inside the migration",
      "1 rebuild-cascade: sessions: 1 of 3 rows deleted (ON DELETE CASCADE) when rows of users are deleted; D1 keeps foreign keys ON inside the migration, so PRAGMA foreign_keys=OFF does not stop it",
      "1 rows-lost: users: 1 of 3 rows deleted by DELETE … WHERE — the running code, and its users, lose rows they wrote",
    ]);
  });

  it("catches silent de-duplication by INSERT OR REPLACE into a new UNIQUE", () => {
    // Tags of one post repeat its id, as children of one parent do in production.
    const init =
      "CREATE TABLE posts (id integer PRIMARY KEY); CREATE TABLE tags (id integer PRIMARY KEY, post_id integer REFERENCES posts(id));";
    expect(
      replay(
        `CREATE TABLE __new_tags (id integer PRIMARY KEY, post_id integer UNIQUE REFERENCES posts(id));
INSERT OR REPLACE INTO __new_tags SELECT id, post_id FROM tags;
DROP TABLE tags;
ALTER TABLE __new_tags RENAME TO tags;`,
        init,
      ),
    ).toEqual([
      "3 rows-lost: tags: 1 of 3 rows lost — the rebuild copied only 2 of them before DROP TABLE tags (e.g. INSERT OR IGNORE/REPLACE meeting a new UNIQUE)",
    ]);
  });

  it("says a parent with NO ACTION children fails on data, rather than speaking of lost rows", () => {
    const init =
      "CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE likes (user_id integer REFERENCES users(id));";
    expect(
      replay(
        "CREATE TABLE __new_users (id integer PRIMARY KEY, name text);\nINSERT INTO __new_users (id) SELECT id FROM users;\nDROP TABLE users;\nALTER TABLE __new_users RENAME TO users;",
        init,
      ),
    ).toEqual([
      "3 fails-on-data: fails on a database with rows but passes on the empty local D1 (so CI is green and production fails): FOREIGN KEY constraint failed",
    ]);
    // defer_foreign_keys only moves the check to COMMIT: the DROP's implicit DELETE counted the
    // orphaned likes, and renaming the copy into place does not un-count them.
    expect(
      replay(
        "PRAGMA defer_foreign_keys = on;\nCREATE TABLE __new_users (id integer PRIMARY KEY, name text);\nINSERT INTO __new_users (id) SELECT id FROM users;\nDROP TABLE users;\nALTER TABLE __new_users RENAME TO users;",
        init,
      ),
    ).toEqual([
      "4 fails-on-data: fails on a database with rows but passes on the empty local D1 (so CI is green and production fails): FOREIGN KEY constraint failed (at COMMIT: deferred foreign keys)",
    ]);
  });

  it("separates overwriting existing values from backfilling a column added in the same file", () => {
    expect(
      replay(
        "ALTER TABLE users ADD nick text;\nUPDATE users SET nick = email;",
      ),
    ).toEqual([]);
    expect(replay("UPDATE users SET age = 0;")).toEqual([
      "1 unbounded-update: UPDATE users has no WHERE clause and overwrote existing values of age in 3 of 3 rows",
    ]);
  });

  it("does not report dropping a table no migration created, or a rename that ends where it started", () => {
    expect(replay("DROP TABLE IF EXISTS legacy;")).toEqual([]);
    expect(
      replay(
        "ALTER TABLE users RENAME COLUMN age TO age_old;\nALTER TABLE users ADD age integer;\nUPDATE users SET age = age_old;\nALTER TABLE users DROP COLUMN age_old;",
      ),
    ).toEqual([]);
  });

  it("loses a UNIQUE constraint only when the rebuilt table lacks it", () => {
    expect(
      replay(
        "CREATE TABLE __new_users (id integer PRIMARY KEY, email text NOT NULL, age integer);\nINSERT INTO __new_users SELECT * FROM users;\nPRAGMA defer_foreign_keys = on;\nDROP TABLE users;\nALTER TABLE __new_users RENAME TO users;\nCREATE UNIQUE INDEX users_email ON users (email);",
      ).filter((f) => f.includes("unique-lost")),
    ).toEqual([]);
  });
});

describe("SQLite as the parser of record", () => {
  it("accepts what SQLite accepts and reports what it rejects", () => {
    expect(
      replay(
        "CREATE TABLE tags (id integer PRIMARY KEY, user_id integer, name text, UNIQUE(user_id, name) FOREIGN KEY (user_id) REFERENCES users(id));",
      ),
    ).toEqual([]);
    // libSQL's ALTER COLUMN is not SQLite, so D1 rejects it too.
    expect(replay("ALTER TABLE users ALTER COLUMN age TO age text;")).toEqual([
      '1 parse-error: SQLite rejects this statement: near "TO": syntax error',
    ]);
  });
});

describe("issue 21: production-shaped rows, old names, D1's options", () => {
  it('runs drizzle-kit\'s DEFAULT "x" as D1 does: the text x, not an error', () => {
    expect(
      replay('ALTER TABLE users ADD `plan` text DEFAULT "free" NOT NULL;'),
    ).toEqual([]);
  });

  it("reports a column renamed aside and re-added: the old code reads NULL under the old name", () => {
    expect(
      replay(
        "ALTER TABLE users RENAME COLUMN age TO birth_year;\nALTER TABLE users ADD age integer;",
      ),
    ).toEqual([
      "1 values-lost: users.age: 3 of 3 values became NULL — the running code reads NULL where it wrote a value",
    ]);
  });

  it("compares a table renamed aside and re-created with the new table, not with its backup", () => {
    expect(
      replay(
        "ALTER TABLE posts RENAME TO posts_backup;\nCREATE TABLE posts (id integer PRIMARY KEY, author_id integer REFERENCES users(id) ON DELETE SET NULL);",
      ),
    ).toEqual([
      "1 drop-table: posts: 3 of 3 rows deleted — the table is renamed aside and re-created empty; the Worker still running during rollout reads an empty table",
    ]);
  });

  it("calls a plain DROP + CREATE of the same table a drop, not a rebuild that copied 0 rows", () => {
    expect(
      replay(
        "DROP TABLE posts;\nCREATE TABLE posts (id integer PRIMARY KEY, author_id integer);",
      ),
    ).toEqual([
      "1 drop-table: posts: 3 of 3 rows deleted — the table is dropped and re-created empty; the Worker still running during rollout reads an empty table",
    ]);
  });

  it("keeps a unique guarantee implied by a narrower unique set or the primary key", () => {
    const init =
      "CREATE TABLE t (id integer PRIMARY KEY, email text, team text);\nCREATE UNIQUE INDEX t_email_team ON t (email, team);\nCREATE UNIQUE INDEX t_id_email ON t (id, email);";
    // No unique-lost: (email) implies both sets dropped. Creating it over existing rows is its own
    // risk: two rows of different teams can share an email in production.
    expect(
      replay(
        "DROP INDEX t_email_team;\nCREATE UNIQUE INDEX t_email ON t (email);\nDROP INDEX t_id_email;",
        init,
      ),
    ).toEqual([
      "2 fails-on-data: fails if two rows share t.email: nothing before this file keeps it unique, so production can hold duplicates, and the new UNIQUE then fails: UNIQUE constraint failed: t.email",
    ]);
    expect(replay("DROP INDEX t_email_team;", init)).toEqual([
      "1 unique-lost: t: UNIQUE index t_email_team on (email, team) is gone after the migration, so duplicates can now be written",
    ]);
  });

  it("does not fail on data because of the seeder's own values: a column that becomes a foreign key holds parent ids", () => {
    const init =
      "CREATE TABLE users (id integer PRIMARY KEY);\nCREATE TABLE notes (id integer PRIMARY KEY, owner text NOT NULL);";
    expect(
      replay(
        "PRAGMA defer_foreign_keys = on;\nCREATE TABLE __new_notes (id integer PRIMARY KEY, owner text NOT NULL REFERENCES users(id));\nINSERT INTO __new_notes SELECT id, owner FROM notes;\nDROP TABLE notes;\nALTER TABLE __new_notes RENAME TO notes;",
        init,
      ),
    ).toEqual([]);
  });
});

describe("issue 21, second round: rows production holds and values it repeats", () => {
  it("gives an UPDATE … WHERE the row its IN list names, and reports the values it overwrites", () => {
    expect(
      replay(
        "UPDATE users SET age = 0 WHERE email IN ('admin@x.io', 'root@x.io');",
      ),
    ).toEqual([
      "1 values-changed: users.age: 1 of 3 values changed (3 → 0) — UPDATE … WHERE rewrites values production holds",
    ]);
  });

  it("gives each WHERE of a file a row of its own, adding one when every row is claimed", () => {
    const init =
      "CREATE TABLE config (id integer PRIMARY KEY, key text NOT NULL, value text NOT NULL);";
    // Production holds every key these statements name; three generated rows cannot hold four.
    const file = `UPDATE config SET key = "NEW_SUBJECT" WHERE key = "EMAIL_SUBJECT";
UPDATE config SET value = value WHERE key = "SMTP_HOST";
UPDATE config SET value = value WHERE key = "SMTP_PORT";
UPDATE config SET value = value WHERE key = "SMTP_USER";`;
    expect(replay(file, init)).toEqual([
      "1 values-changed: config.key: 1 of 4 values changed ('EMAIL_SUBJECT' → 'NEW_SUBJECT') — UPDATE … WHERE rewrites values production holds",
    ]);
  });

  it("reports an UPDATE … WHERE that rewrites a primary key as the rewrite, not as rows lost by a later DROP", () => {
    const init =
      "CREATE TABLE config (key text PRIMARY KEY NOT NULL, value text NOT NULL);";
    const rebuild = `UPDATE config SET key = 'NEW_SUBJECT' WHERE key = 'EMAIL_SUBJECT';
CREATE TABLE new_config (key text PRIMARY KEY NOT NULL, value text NOT NULL, ord integer NOT NULL DEFAULT 0);
INSERT INTO new_config (key, value) SELECT key, value FROM config;
DROP TABLE config;
ALTER TABLE new_config RENAME TO config;`;
    expect(replay(rebuild, init)).toEqual([
      "1 values-changed: config.key: 1 of 3 values changed ('EMAIL_SUBJECT' → 'NEW_SUBJECT') — UPDATE … WHERE rewrites values production holds",
    ]);
  });

  it("does not invent a duplicate that the schema before the file forbids", () => {
    // users.email is UNIQUE already: production cannot hold two equal emails.
    expect(
      replay("CREATE UNIQUE INDEX users_email_again ON users (email);"),
    ).toEqual([]);
  });

  it("tries a UNIQUE that a rebuild's CREATE TABLE adds, where the copy then fails", () => {
    const init = "CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL);";
    const rebuild = (unique: string) =>
      `CREATE TABLE __new_t (id integer PRIMARY KEY, name text NOT NULL${unique});\nINSERT INTO __new_t SELECT id, name FROM t;\nDROP TABLE t;\nALTER TABLE __new_t RENAME TO t;`;
    expect(replay(rebuild(" UNIQUE"), init)).toEqual([
      "2 fails-on-data: fails if two rows share t.name: nothing before this file keeps it unique, so production can hold duplicates, and the new UNIQUE then fails: UNIQUE constraint failed: __new_t.name",
    ]);
    expect(replay(rebuild(""), init)).toEqual([]);
  });

  it("keeps a unique set widened to more columns, but not one widened to include the primary key", () => {
    const init =
      "CREATE TABLE t (id integer PRIMARY KEY, email text, team text);\nCREATE UNIQUE INDEX t_email ON t (email);";
    expect(
      replay(
        "DROP INDEX t_email;\nCREATE UNIQUE INDEX t_email_team ON t (email, team);",
        init,
      ),
    ).toEqual([]);
    expect(
      replay(
        "DROP INDEX t_email;\nCREATE UNIQUE INDEX t_email_id ON t (email, id);",
        init,
      ),
    ).toEqual([
      "1 unique-lost: t: UNIQUE index t_email on (email) is gone after the migration, so duplicates can now be written",
    ]);
  });
});

describe("NULLs production holds in columns a file makes NOT NULL", () => {
  const init =
    "CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL, lang text, note text CHECK (note IS NOT NULL), at integer DEFAULT (unixepoch()));";
  const rebuild = (select: string, before = "") =>
    `${before}CREATE TABLE __new_t (id integer PRIMARY KEY, name text NOT NULL, lang text NOT NULL, note text NOT NULL, at integer NOT NULL);\nINSERT INTO __new_t SELECT ${select} FROM t;\nDROP TABLE t;\nALTER TABLE __new_t RENAME TO t;`;

  it("tries a NULL in a nullable column a rebuild makes NOT NULL, where the plain copy then fails", () => {
    expect(replay(rebuild("id, name, lang, note, at"), init)).toEqual([
      "2 fails-on-data: fails if a row has NULL in t.lang: it has accepted NULL with no DEFAULT since 0000.sql (added there without NOT NULL or DEFAULT), so every row written since then without lang holds NULL, and the copy into NOT NULL then fails: NOT NULL constraint failed: __new_t.lang",
    ]);
  });

  it("passes a file that backfills or COALESCEs first, and never tries a NULL the old schema refuses", () => {
    // note's CHECK already refuses NULL, and name is NOT NULL: production holds no NULL there;
    // an INSERT that leaves out at stores its DEFAULT, so NULL there needs an explicit NULL write.
    expect(
      replay(rebuild("id, name, COALESCE(lang, 'en'), note, at"), init),
    ).toEqual([]);
    expect(
      replay(
        rebuild(
          "id, name, lang, note, at",
          "UPDATE t SET lang = 'en' WHERE lang IS NULL;\n",
        ),
        init,
      ),
    ).toEqual([]);
  });
  it("names the file since which rows can hold the NULL: the one that relaxed the column", () => {
    const { findings } = lintMigrations([
      {
        file: "0000_init.sql",
        sql: "CREATE TABLE t (id integer PRIMARY KEY, at integer NOT NULL DEFAULT 0);",
      },
      {
        file: "0001_relax.sql",
        sql: "CREATE TABLE __new_t (id integer PRIMARY KEY, at integer);\nINSERT INTO __new_t SELECT id, at FROM t;\nDROP TABLE t;\nALTER TABLE __new_t RENAME TO t;",
      },
      { file: "0002_index.sql", sql: "CREATE INDEX t_at ON t (at);" },
      {
        file: "0003_tighten.sql",
        sql: "CREATE TABLE __new_t (id integer PRIMARY KEY, at integer NOT NULL DEFAULT 0);\nINSERT INTO __new_t SELECT id, at FROM t;\nDROP TABLE t;\nALTER TABLE __new_t RENAME TO t;",
      },
    ]);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([
      "0003_tighten.sql:2 fails if a row has NULL in t.at: it has accepted NULL with no DEFAULT since 0001_relax.sql (its NOT NULL or DEFAULT removed there), so every row written since then without at holds NULL, and the copy into NOT NULL then fails: NOT NULL constraint failed: __new_t.at",
    ]);
  });

  it("tries a column retyped by add-copy-drop-rename into NOT NULL", () => {
    const retype = `ALTER TABLE t ADD lang_new text NOT NULL DEFAULT '';
UPDATE t SET lang_new = lang;
ALTER TABLE t DROP COLUMN lang;
ALTER TABLE t RENAME COLUMN lang_new TO lang;`;
    expect(replay(retype, init)).toEqual([
      "2 fails-on-data: fails if a row has NULL in t.lang: it has accepted NULL with no DEFAULT since 0000.sql (added there without NOT NULL or DEFAULT), so every row written since then without lang holds NULL, and the copy into NOT NULL then fails: NOT NULL constraint failed: t.lang_new",
    ]);
  });
});

describe("a column retyped by add-copy-drop-rename", () => {
  const init =
    "CREATE TABLE goals (id integer PRIMARY KEY, target real NOT NULL);";
  const retype = (
    copy: string,
  ) => `ALTER TABLE goals ADD target_new numeric NOT NULL DEFAULT 0;
UPDATE goals SET target_new = ${copy};
ALTER TABLE goals DROP COLUMN target;
ALTER TABLE goals RENAME COLUMN target_new TO target;`;

  it("is no rename for the running code when the old name ends holding its values", () => {
    expect(replay(retype("target"), init)).toEqual([]);
  });

  it("keeps the rename finding when the values under the old name change", () => {
    expect(replay(retype("target * 100"), init)).toEqual([
      "4 rename-column: renames column goals.target_new to target; the Worker still running during rollout uses target_new and fails",
    ]);
  });
});

describe("tables the replay cannot seed", () => {
  it("says which, and keeps the static rule's finding for them", () => {
    const init =
      "CREATE TABLE codes (code text NOT NULL CHECK (length(code) = 12 AND code GLOB '[A-Z]*'));";
    const { findings, notes } = lintMigrations([
      { file: "0000.sql", sql: init },
      { file: "0001.sql", sql: "DROP TABLE codes;" },
    ]);
    expect(notes).toEqual([
      expect.stringMatching(
        /^0001\.sql: replay could not seed table codes \(CHECK constraint failed/,
      ),
    ]);
    expect(findings.map((f) => f.rule)).toEqual(["drop-table"]);
    expect(findings[0]?.message).toContain("(not replayed: codes had no rows)");
  });
});

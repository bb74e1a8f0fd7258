import { describe, expect, it } from "vitest";
import {
  applyStatement,
  childReferences,
  emptySchema,
  findTable,
  type Schema,
} from "./schema";
import { parseAll } from "./test-support";

const build = (sql: string, start: Schema = emptySchema): Schema =>
  parseAll(sql).reduce(applyStatement, start);

/** Built inside each test: Stryker counts code run while collecting tests as "static". */
const parents = `
  CREATE TABLE users (id int PRIMARY KEY, email text);
  CREATE TABLE sessions (id int, user_id int REFERENCES Users(id) ON DELETE CASCADE);
  CREATE TABLE posts (id int, author_id int, FOREIGN KEY (author_id) REFERENCES users(id) ON DELETE SET NULL);
  CREATE TABLE likes (user_id int REFERENCES users(id) ON DELETE RESTRICT);
`;
const base = (): Schema => build(parents);

describe("applyStatement", () => {
  it("records created tables, found case-insensitively", () => {
    expect(findTable(base(), "USERS")?.columns.map((c) => c.name)).toEqual([
      "id",
      "email",
    ]);
    expect(findTable(base(), "nope")).toBeUndefined();
  });

  it("removes a dropped table but leaves its children's references alone", () => {
    const start = base();
    const schema = build("DROP TABLE USERS", start);
    expect(findTable(schema, "users")).toBeUndefined();
    expect(findTable(schema, "sessions")?.foreignKeys[0]?.parentTable).toBe(
      "Users",
    );
    expect(start.size).toBe(4);
  });

  it("renames a table and rewrites the children's references, as SQLite does", () => {
    const schema = build("ALTER TABLE users RENAME TO people", base());
    expect(findTable(schema, "users")).toBeUndefined();
    expect(findTable(schema, "people")?.name).toBe("people");
    expect(
      childReferences(schema, "people", ["CASCADE"]).map((c) => c.table),
    ).toEqual(["sessions"]);
    expect(childReferences(schema, "users", ["CASCADE"])).toEqual([]);
  });

  it("renames, drops and adds columns", () => {
    const schema = build(
      "ALTER TABLE sessions RENAME COLUMN USER_ID TO owner_id; ALTER TABLE users DROP COLUMN Email; ALTER TABLE users ADD age int NOT NULL DEFAULT 0; ALTER TABLE posts ADD editor_id int REFERENCES users ON DELETE CASCADE",
      base(),
    );
    expect(findTable(schema, "sessions")?.columns.map((c) => c.name)).toEqual([
      "id",
      "owner_id",
    ]);
    expect(findTable(schema, "sessions")?.foreignKeys[0]?.columns).toEqual([
      "owner_id",
    ]);
    expect(findTable(schema, "users")?.columns).toEqual([
      { name: "id", notNull: false, hasDefault: false },
      { name: "age", notNull: true, hasDefault: true },
    ]);
    expect(
      childReferences(schema, "users", ["CASCADE"]).map((c) => c.columns),
    ).toEqual([["owner_id"], ["editor_id"]]);
  });

  it("ignores changes to unknown tables and statements that change no table", () => {
    const statements =
      "ALTER TABLE x RENAME TO y; ALTER TABLE x RENAME a TO b; ALTER TABLE x DROP a; ALTER TABLE x ADD a int; DELETE FROM users; PRAGMA foreign_keys=off";
    expect(build(statements, base())).toEqual(base());
  });

  it("replaces a table created again under the same name", () => {
    expect(
      findTable(
        build("CREATE TABLE users (x int)", base()),
        "users",
      )?.columns.map((c) => c.name),
    ).toEqual(["x"]);
  });
});

describe("childReferences", () => {
  it("lists children by ON DELETE action, not the table itself", () => {
    const schema = build(
      "CREATE TABLE tree (id int, parent int REFERENCES tree ON DELETE CASCADE)",
      base(),
    );
    expect(childReferences(schema, "users", ["CASCADE", "SET NULL"])).toEqual([
      { table: "sessions", columns: ["user_id"], onDelete: "CASCADE" },
      { table: "posts", columns: ["author_id"], onDelete: "SET NULL" },
    ]);
    expect(
      childReferences(schema, "users", ["RESTRICT"]).map((c) => c.table),
    ).toEqual(["likes"]);
    expect(childReferences(schema, "tree", ["CASCADE"])).toEqual([]);
  });
});

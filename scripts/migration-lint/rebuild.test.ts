import { describe, expect, it } from "vitest";
import { isRebuildRename, rebuildSourceOfDrop } from "./rebuild";
import { parseAll } from "./test-support";

const rebuildSql =
  "CREATE TABLE __new_users (id int); INSERT INTO __new_users SELECT id FROM users; DROP TABLE users; ALTER TABLE __new_users RENAME TO Users;";

describe("rebuild detection", () => {
  it("finds the table renamed into a dropped table's place", () => {
    const rebuild = parseAll(rebuildSql);
    expect(rebuildSourceOfDrop(rebuild, 2)).toBe("__new_users");
    expect(isRebuildRename(rebuild, 3)).toBe(true);
  });

  it("only answers for DROP TABLE and RENAME statements", () => {
    const rebuild = parseAll(rebuildSql);
    expect(rebuildSourceOfDrop(rebuild, 0)).toBeUndefined();
    expect(rebuildSourceOfDrop(rebuild, 9)).toBeUndefined();
    expect(isRebuildRename(rebuild, 2)).toBe(false);
  });

  it("is not a rebuild when nothing is renamed into place, or a new table is created there first", () => {
    expect(
      rebuildSourceOfDrop(
        parseAll("DROP TABLE users; ALTER TABLE a RENAME TO b"),
        0,
      ),
    ).toBeUndefined();
    const recreated = parseAll(
      "DROP TABLE users; CREATE TABLE users (id int); ALTER TABLE x RENAME TO users",
    );
    expect(rebuildSourceOfDrop(recreated, 0)).toBeUndefined();
    expect(isRebuildRename(recreated, 2)).toBe(false);
  });

  it("does not treat a plain rename, or a rename before the drop, as a rebuild", () => {
    expect(isRebuildRename(parseAll("ALTER TABLE a RENAME TO b"), 0)).toBe(
      false,
    );
    expect(
      isRebuildRename(parseAll("ALTER TABLE a RENAME TO b; DROP TABLE b"), 0),
    ).toBe(false);
  });

  it("pairs each drop with the first rename into its place", () => {
    const twice = parseAll(
      "DROP TABLE users; ALTER TABLE x RENAME TO users; ALTER TABLE y RENAME TO users",
    );
    expect(rebuildSourceOfDrop(twice, 0)).toBe("x");
    expect(isRebuildRename(twice, 1)).toBe(true);
    expect(isRebuildRename(twice, 2)).toBe(false);
  });

  it("looks past unrelated statements between the drop and the rename", () => {
    const spaced = parseAll(
      "DROP TABLE users; CREATE TABLE audit (id int); DELETE FROM users WHERE 1; ALTER TABLE __new_users RENAME TO users",
    );
    expect(rebuildSourceOfDrop(spaced, 0)).toBe("__new_users");
    expect(isRebuildRename(spaced, 3)).toBe(true);
  });

  it("answers undefined for statements that are not a DROP TABLE", () => {
    const statements = parseAll(
      "CREATE TABLE a (x int); INSERT INTO a VALUES (1); ALTER TABLE b RENAME TO a",
    );
    expect(rebuildSourceOfDrop(statements, 0)).toBeUndefined();
    expect(rebuildSourceOfDrop(statements, 1)).toBeUndefined();
  });

  it("matches a rename only to a drop of its own target that came before it", () => {
    const later = parseAll(
      "ALTER TABLE x RENAME TO users; DROP TABLE users; ALTER TABLE x RENAME TO users",
    );
    expect(isRebuildRename(later, 0)).toBe(false);
    expect(isRebuildRename(later, 2)).toBe(true);
    const other = parseAll(
      "DROP TABLE a; ALTER TABLE n RENAME TO a; ALTER TABLE n RENAME TO b",
    );
    expect(isRebuildRename(other, 2)).toBe(false);
  });
});

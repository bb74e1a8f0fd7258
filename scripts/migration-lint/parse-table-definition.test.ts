import { describe, expect, it } from "vitest";
import {
  onDeleteAction,
  parseColumnDef,
  parseTableBody,
  referencesClause,
} from "./parse-table-definition";
import { tokenize } from "./tokenize";

const tokens = (sql: string) => tokenize(sql).tokens;

describe("onDeleteAction", () => {
  it.each([
    ["REFERENCES p(id) ON DELETE CASCADE", "CASCADE"],
    ["REFERENCES p(id) on delete set null", "SET NULL"],
    ["REFERENCES p(id) ON UPDATE CASCADE ON DELETE SET DEFAULT", "SET DEFAULT"],
    ["REFERENCES p(id) ON DELETE RESTRICT", "RESTRICT"],
    ["REFERENCES p(id) ON DELETE NO ACTION", "NO ACTION"],
    ["REFERENCES p(id) ON DELETE SET", "NO ACTION"],
    ["REFERENCES p(id) ON UPDATE CASCADE", "NO ACTION"],
    ["REFERENCES p(id)", "NO ACTION"],
  ])("%s → %s", (sql, action) => {
    expect(onDeleteAction(tokens(sql), 1)).toBe(action);
  });

  it("stops at the next REFERENCES clause", () => {
    expect(
      onDeleteAction(tokens("REFERENCES p REFERENCES q ON DELETE CASCADE"), 1),
    ).toBe("NO ACTION");
  });
});

describe("referencesClause", () => {
  it("reads the parent table and action", () => {
    expect(
      referencesClause(
        tokens("a int REFERENCES main.`users`(`id`) ON DELETE CASCADE"),
      ),
    ).toEqual({
      parentTable: "users",
      onDelete: "CASCADE",
    });
  });

  it("is undefined without REFERENCES or without a parent name", () => {
    expect(referencesClause(tokens("a int"))).toBeUndefined();
    expect(referencesClause(tokens("a int REFERENCES ("))).toBeUndefined();
  });
});

describe("parseColumnDef", () => {
  it("reads NOT NULL and DEFAULT outside parentheses only", () => {
    expect(parseColumnDef(tokens("`a` text NOT NULL DEFAULT 'x'"))).toEqual({
      ok: true,
      column: { name: "a", notNull: true, hasDefault: true },
      foreignKeys: [],
    });
    expect(
      parseColumnDef(
        tokens("a text CHECK (a IS NOT NULL AND CAST(a AS int) > 0)"),
      ),
    ).toMatchObject({
      column: { notNull: false, hasDefault: false },
    });
    expect(parseColumnDef(tokens("a text NOT NULL"))).toMatchObject({
      column: { notNull: true, hasDefault: false },
    });
  });

  it("reads NOT NULL after parenthesised types and quoted parentheses, and explicit NULL as nullable", () => {
    expect(parseColumnDef(tokens("a numeric(10, 2) NOT NULL"))).toMatchObject({
      column: { notNull: true },
    });
    expect(parseColumnDef(tokens("a text DEFAULT '(' NOT NULL"))).toMatchObject(
      { column: { notNull: true, hasDefault: true } },
    );
    expect(parseColumnDef(tokens("a text DEFAULT ')' NOT NULL"))).toMatchObject(
      { column: { notNull: true } },
    );
    expect(parseColumnDef(tokens("a int NULL"))).toMatchObject({
      column: { notNull: false },
    });
    expect(
      parseColumnDef(tokens("a int CHECK (a > 0) DEFAULT 1")),
    ).toMatchObject({ column: { hasDefault: true } });
  });

  it("counts a generated column as having a value", () => {
    expect(
      parseColumnDef(tokens("b int NOT NULL GENERATED ALWAYS AS (a + 1)")),
    ).toMatchObject({
      column: { hasDefault: true },
    });
    expect(
      parseColumnDef(tokens("b int NOT NULL AS (a + 1) STORED")),
    ).toMatchObject({ column: { hasDefault: true } });
  });

  it("turns a column REFERENCES into a foreign key on that column", () => {
    expect(
      parseColumnDef(
        tokens("user_id int REFERENCES users(id) ON DELETE SET NULL"),
      ),
    ).toMatchObject({
      foreignKeys: [
        { columns: ["user_id"], parentTable: "users", onDelete: "SET NULL" },
      ],
    });
  });

  it("rejects a definition without a column name", () => {
    expect(parseColumnDef(tokens("'a' int"))).toEqual({
      ok: false,
      message: "expected a column name",
    });
    expect(parseColumnDef([])).toEqual({
      ok: false,
      message: "expected a column name",
    });
  });
});

describe("parseTableBody", () => {
  it("reads columns and table-level foreign keys, skipping other constraints", () => {
    const body = tokens(
      "`id` text PRIMARY KEY, `u` int NOT NULL, `v` int, CONSTRAINT fk FOREIGN KEY (`u`, `v`) REFERENCES `users`(`id`, `x`) ON DELETE cascade, PRIMARY KEY (id), UNIQUE (u), CHECK (u > 0)",
    );
    expect(parseTableBody(body)).toEqual({
      ok: true,
      columns: [
        { name: "id", notNull: false, hasDefault: false },
        { name: "u", notNull: true, hasDefault: false },
        { name: "v", notNull: false, hasDefault: false },
      ],
      foreignKeys: [
        { columns: ["u", "v"], parentTable: "users", onDelete: "CASCADE" },
      ],
    });
  });

  it("rejects stray commas and malformed foreign keys", () => {
    expect(parseTableBody(tokens("a int,"))).toEqual({
      ok: false,
      message: "empty column definition (stray comma?)",
    });
    expect(parseTableBody(tokens("a int, FOREIGN KEY a REFERENCES b"))).toEqual(
      {
        ok: false,
        message: "malformed FOREIGN KEY constraint",
      },
    );
    expect(parseTableBody(tokens("a int, FOREIGN KEY (a)"))).toEqual({
      ok: false,
      message: "malformed FOREIGN KEY constraint",
    });
    expect(
      parseTableBody(tokens("a int, FOREIGN KEY (a REFERENCES b")),
    ).toEqual({
      ok: false,
      message: "malformed FOREIGN KEY constraint",
    });
    expect(parseTableBody(tokens("'x' int"))).toEqual({
      ok: false,
      message: "expected a column name",
    });
  });
});

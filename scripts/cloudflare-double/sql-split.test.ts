import { describe, expect, it } from "vitest";
import { splitSql } from "./sql-split";

describe("splitSql", () => {
  it("splits on semicolons and drops empty statements and comment-only tails", () => {
    expect(
      splitSql(
        "CREATE TABLE a (id INT);\n\nINSERT INTO a VALUES (1);\n-- done\n",
      ),
    ).toEqual(["CREATE TABLE a (id INT)", "INSERT INTO a VALUES (1)"]);
  });

  it("keeps semicolons inside strings, quoted identifiers and comments", () => {
    expect(
      splitSql(
        `INSERT INTO "we;ird" VALUES ('a;b', 'it''s;'); /* x; y */ SELECT [c;d] FROM t`,
      ),
    ).toEqual([
      `INSERT INTO "we;ird" VALUES ('a;b', 'it''s;')`,
      "/* x; y */ SELECT [c;d] FROM t",
    ]);
  });

  it("keeps a trigger body (BEGIN … END) in one statement", () => {
    const trigger =
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; DELETE FROM b; END";
    expect(splitSql(`${trigger};\nSELECT 1;`)).toEqual([trigger, "SELECT 1"]);
  });

  it("reads drizzle's statement breakpoints as comments", () => {
    expect(
      splitSql(
        "CREATE TABLE a (id INT);--> statement-breakpoint\nCREATE TABLE b (id INT);",
      ),
    ).toHaveLength(2);
  });

  it("does not split where only drizzle's migrator would: a breakpoint without a ';' leaves one statement, as on D1", () => {
    expect(
      splitSql(
        "CREATE TABLE a (id INT)--> statement-breakpoint\nCREATE TABLE b (id INT);",
      ),
    ).toHaveLength(1);
  });

  it("keeps CASE … END inside a trigger body in the trigger", () => {
    const trigger =
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 END; END";
    expect(splitSql(`${trigger}; SELECT 1`)).toEqual([trigger, "SELECT 1"]);
  });
});

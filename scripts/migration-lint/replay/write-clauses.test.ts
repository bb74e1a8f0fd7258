import { describe, expect, it } from "vitest";
import { namedValues, writeClauses } from "./write-clauses";

const named = (sql: string, columns: string[]) =>
  Object.fromEntries(namedValues(writeClauses(sql).where, columns, sql));

describe("writeClauses", () => {
  it("reads the top-level WHERE, not one inside a subquery or after it", () => {
    const clauses = writeClauses(
      "UPDATE t SET a = (SELECT 1 WHERE 1) WHERE id = 'x' RETURNING id",
    );
    expect(clauses.whereSql).toBe("id = 'x'");
    expect(writeClauses("DELETE FROM t").whereSql).toBeUndefined();
  });

  it("calls SET values from constants and the row itself self-contained, not a join or a subquery", () => {
    expect(
      writeClauses("UPDATE t SET a = replace(a, 'x', 'y') WHERE id = 1")
        .selfContained,
    ).toBe(true);
    expect(
      writeClauses("UPDATE t SET a = (SELECT b FROM u) WHERE id = 1")
        .selfContained,
    ).toBe(false);
    expect(
      writeClauses("UPDATE t SET a = u.b FROM u WHERE t.id = u.id")
        .selfContained,
    ).toBe(false);
  });
});

describe("namedValues", () => {
  it("reads =, reversed =, IN, LIKE and qualified columns of the table", () => {
    expect(
      named(
        "UPDATE t SET x = 1 WHERE t.id = 'a' AND 2 = n AND kind IN ('k', 'l') AND body LIKE '%pat%'",
        ["id", "n", "kind", "body", "x"],
      ),
    ).toEqual({ id: "a", n: 2, kind: "k", body: "pat" });
  });

  it("ignores other tables' columns and conditions inside subqueries", () => {
    expect(
      named(
        "DELETE FROM t WHERE id IN (SELECT id FROM u WHERE name = 'z') AND other = 'q'",
        ["id", "name"],
      ),
    ).toEqual({});
  });

  it("reads a double-quoted name that is no column of the table as a string, as D1 does", () => {
    expect(
      named(
        'UPDATE t SET v = v || \'h\' WHERE name = "maxExpiration" AND kind IN ("a", "b") AND "value" = \'q\'',
        ["name", "kind", "value", "v"],
      ),
    ).toEqual({ name: "maxExpiration", kind: "a", value: "q" });
    // A double-quoted column stays a column; a backticked name is never a string.
    expect(
      named('DELETE FROM t WHERE name = "kind"', ["name", "kind"]),
    ).toEqual({});
    expect(named("DELETE FROM t WHERE name = `x`", ["name"])).toEqual({});
  });
});

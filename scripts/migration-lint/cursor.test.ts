import { describe, expect, it } from "vitest";
import {
  Cursor,
  hasTopLevelWord,
  splitTopLevel,
  unbalancedParenLine,
} from "./cursor";
import { tokenize } from "./tokenize";

const tokens = (sql: string) => tokenize(sql).tokens;

describe("Cursor", () => {
  it("accepts a keyword sequence only when all of it matches", () => {
    const cursor = new Cursor(tokens("IF NOT EXISTS x"));
    expect(cursor.accept("IF", "EXISTS")).toBe(false);
    expect(cursor.peek()?.value).toBe("IF");
    expect(cursor.atEnd()).toBe(false);
    expect(cursor.accept("IF", "NOT", "EXISTS")).toBe(true);
    expect(cursor.name()).toBe("x");
    expect(cursor.atEnd()).toBe(true);
  });

  it("does not accept a quoted identifier as a keyword", () => {
    expect(new Cursor(tokens('"TABLE"')).accept("TABLE")).toBe(false);
  });

  it("reads the last part of a qualified name", () => {
    expect(new Cursor(tokens("main.`users` x")).name()).toBe("users");
    expect(new Cursor(tokens("main.")).name()).toBeUndefined();
    expect(new Cursor(tokens("main.'x'")).name()).toBeUndefined();
    expect(new Cursor(tokens("a '.' b")).name()).toBe("a");
    const qualified = new Cursor(tokens("s.t rest"));
    expect(qualified.name()).toBe("t");
    expect(qualified.next()?.value).toBe("REST");
    expect(new Cursor(tokens("'str'")).name()).toBeUndefined();
    expect(new Cursor(tokens("")).name()).toBeUndefined();
  });

  it("collects tokens up to the matching parenthesis", () => {
    const cursor = new Cursor(tokens("(a (b) c) d"));
    expect(cursor.acceptPunct("(")).toBe(true);
    expect(cursor.untilClosingParen()?.map((t) => t.value)).toEqual([
      "A",
      "(",
      "B",
      ")",
      "C",
    ]);
    expect(cursor.rest().map((t) => t.value)).toEqual(["D"]);
    expect(new Cursor(tokens("a (b")).untilClosingParen()).toBeUndefined();
  });

  it("accepts punctuation only when it matches", () => {
    const cursor = new Cursor(tokens("( x"));
    expect(cursor.acceptPunct(")")).toBe(false);
    expect(cursor.acceptPunct("(")).toBe(true);
    expect(cursor.acceptPunct("(")).toBe(false);
    expect(cursor.next()?.value).toBe("X");
    expect(cursor.next()).toBeUndefined();
    expect(cursor.next()).toBeUndefined();
    expect(cursor.atEnd()).toBe(true);
  });
});

describe("token helpers", () => {
  it("splits on top-level commas only", () => {
    const parts = splitTopLevel(tokens("a int, b numeric(10, 2), c"));
    expect(parts.map((p) => p.map((t) => t.value).join(" "))).toEqual([
      "A INT",
      "B NUMERIC ( 10 , 2 )",
      "C",
    ]);
  });

  it("finds a keyword only outside parentheses", () => {
    expect(hasTopLevelWord(tokens("SET a = (SELECT 1 WHERE 1)"), "WHERE")).toBe(
      false,
    );
    expect(hasTopLevelWord(tokens("SET a = (SELECT 1) WHERE 1"), "WHERE")).toBe(
      true,
    );
    expect(hasTopLevelWord(tokens("'WHERE' \"where\""), "WHERE")).toBe(false);
  });

  it("reports the line of an unbalanced parenthesis", () => {
    expect(unbalancedParenLine(tokens("(a)\n(b"))).toBe(2);
    expect(unbalancedParenLine(tokens("a\n)"))).toBe(2);
    expect(unbalancedParenLine(tokens("((a))"))).toBeUndefined();
  });

  it("ignores parentheses and commas inside strings and quoted names", () => {
    expect(hasTopLevelWord(tokens("SET a = '(' WHERE 1"), "WHERE")).toBe(true);
    expect(
      hasTopLevelWord(tokens("SET a = ')' , b = (1) WHERE 1"), "WHERE"),
    ).toBe(true);
    expect(
      splitTopLevel(tokens("a DEFAULT '(', b DEFAULT ')', \",\" int")).map(
        (p) => p.length,
      ),
    ).toEqual([3, 3, 2]);
    expect(unbalancedParenLine(tokens("a '(' \")\" [(]"))).toBeUndefined();
    const cursor = new Cursor(tokens("( ')' \"(\" ) rest"));
    cursor.acceptPunct("(");
    expect(cursor.untilClosingParen()?.map((t) => t.value)).toEqual([")", "("]);
    expect(cursor.rest().map((t) => t.value)).toEqual(["REST"]);
  });
});

import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenize";

const kinds = (sql: string) =>
  tokenize(sql).tokens.map((t) => [t.kind, t.value]);

describe("tokenize", () => {
  it("upper-cases keywords and unquotes every identifier style", () => {
    expect(kinds('drop table `a``b` "c""d" [e f] g_1$')).toEqual([
      ["word", "DROP"],
      ["word", "TABLE"],
      ["identifier", "a`b"],
      ["identifier", 'c"d'],
      ["identifier", "e f"],
      ["word", "G_1$"],
    ]);
  });

  it("reads strings with doubled quotes, and numbers", () => {
    expect(kinds("'it''s' 12 3.5 .5 0x1F 1e3")).toEqual([
      ["string", "it's"],
      ["number", "12"],
      ["number", "3.5"],
      ["number", ".5"],
      ["number", "0x1F"],
      ["number", "1e3"],
    ]);
  });

  it("keeps comments as tokens and does not read statements inside them or inside strings", () => {
    expect(kinds("-- DROP TABLE x;\n/* a;\nb */ 'DROP; --'")).toEqual([
      ["comment", " DROP TABLE x;"],
      ["comment", " a;\nb "],
      ["string", "DROP; --"],
    ]);
  });

  it("reads multi-character operators as one token", () => {
    expect(kinds("a<>b||c<=d->>e")).toEqual([
      ["word", "A"],
      ["punct", "<>"],
      ["word", "B"],
      ["punct", "||"],
      ["word", "C"],
      ["punct", "<="],
      ["word", "D"],
      ["punct", "->>"],
      ["word", "E"],
    ]);
  });

  it("counts lines across newlines, multi-line comments and multi-line strings", () => {
    const { tokens } = tokenize("a\n/* x\n y */ b 'p\nq'\n  c\n-- end");
    expect(tokens.map((t) => [t.value, t.line])).toEqual([
      ["A", 1],
      [" x\n y ", 2],
      ["B", 3],
      ["p\nq", 3],
      ["C", 5],
      [" end", 6],
    ]);
  });

  it("ends a -- comment at the newline, also at the end of input", () => {
    expect(kinds("-- one\nx")).toEqual([
      ["comment", " one"],
      ["word", "X"],
    ]);
    expect(kinds("x -- last")).toEqual([
      ["word", "X"],
      ["comment", " last"],
    ]);
  });

  it.each([
    ["'open", "unterminated string literal"],
    ["/* open", "unterminated /* comment"],
    ['"open', 'unterminated quoted identifier "…"'],
    ["`open", "unterminated quoted identifier `…`"],
    ["[open", "unterminated quoted identifier […]"],
  ])("reports %s as a lexical error on its line", (sql, message) => {
    const result = tokenize(`select 1;\n${sql}`);
    expect(result.error).toEqual({ line: 2, message });
    expect(result.tokens.map((t) => t.value)).toEqual(["SELECT", "1", ";"]);
  });

  it("does not treat ]] as an escaped bracket", () => {
    expect(kinds("[a]]")).toEqual([
      ["identifier", "a"],
      ["punct", "]"],
    ]);
  });

  it("has no error for well-formed input", () => {
    expect(tokenize("select 1").error).toBeUndefined();
  });
});

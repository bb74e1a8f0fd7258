import { describe, expect, it } from "vitest";
import { isStatementBreakpoint, splitStatements } from "./split-statements";
import { tokenize } from "./tokenize";

const split = (sql: string) =>
  splitStatements(tokenize(sql).tokens).map((s) => ({
    code: s.tokens.map((t) => t.value).join(" "),
    line: s.line,
    comments: s.comments.map((c) => c.value.trim()),
  }));

describe("splitStatements", () => {
  it("splits on semicolons and drops empty statements", () => {
    expect(split("a 1;;\nb 2;").map((s) => [s.code, s.line])).toEqual([
      ["A 1", 1],
      ["B 2", 2],
    ]);
  });

  it("splits on drizzle-kit's breakpoint even without a semicolon, and keeps the last statement", () => {
    expect(split("a\n--> statement-breakpoint\nb").map((s) => s.code)).toEqual([
      "A",
      "B",
    ]);
  });

  it("gives a statement the comments before it, inside it, and after it on its last line", () => {
    expect(
      split("x;\n-- before\na -- inside\n b; -- after\n-- next\nc"),
    ).toEqual([
      { code: "X", line: 1, comments: [] },
      { code: "A B", line: 3, comments: ["before", "inside", "after"] },
      { code: "C", line: 6, comments: ["next"] },
    ]);
  });

  it("hands a comment on the line after a statement to the next statement", () => {
    expect(split("a;\n-- c\nb").map((s) => s.comments)).toEqual([[], ["c"]]);
  });

  it("keeps a trigger body with inner semicolons and CASE … END in one statement", () => {
    const sql =
      "CREATE TEMP TRIGGER t AFTER INSERT ON u BEGIN UPDATE u SET a = CASE WHEN 1 THEN 2 END; DELETE FROM v; END; SELECT 1;";
    expect(
      split(sql).map(
        (s) => s.code.split(" ")[0] + "…" + s.code.split(" ").at(-1),
      ),
    ).toEqual(["CREATE…END", "SELECT…1"]);
  });

  it("splits ordinary statements that contain END or BEGIN words", () => {
    expect(
      split("BEGIN; SELECT CASE WHEN 1 THEN 2 END; END;").map((s) => s.code),
    ).toEqual(["BEGIN", "SELECT CASE WHEN 1 THEN 2 END", "END"]);
  });

  it("reads the breakpoint as a comment with breakpoints: false (D1's reading)", () => {
    const statements = splitStatements(
      tokenize("a\n--> statement-breakpoint\nb;").tokens,
      { breakpoints: false },
    );
    expect(statements.map((s) => s.tokens.map((t) => t.value))).toEqual([
      ["A", "B"],
    ]);
    expect(statements[0]?.comments.map((c) => c.value.trim())).toEqual([
      "> statement-breakpoint",
    ]);
  });

  it("splits on the breakpoint in files with CRLF line endings", () => {
    expect(
      split(
        "a;--> statement-breakpoint\r\nb\r\n--> statement-breakpoint\r\nc",
      ).map((s) => s.code),
    ).toEqual(["A", "B", "C"]);
  });

  it("only treats CREATE … TRIGGER as having a body", () => {
    expect(
      split("CREATE TABLE t (begin int); SELECT 1;").map(
        (s) => s.code.split(" ")[0],
      ),
    ).toEqual(["CREATE", "SELECT"]);
  });

  it("recognises only the exact breakpoint comment", () => {
    const [breakpoint, other] = tokenize(
      "--> statement-breakpoint\n-- statement-breakpoint",
    ).tokens;
    expect(breakpoint && isStatementBreakpoint(breakpoint)).toBe(true);
    expect(other && isStatementBreakpoint(other)).toBe(false);
    expect(
      isStatementBreakpoint({
        kind: "string",
        value: "> statement-breakpoint",
        text: "> statement-breakpoint",
        line: 1,
        start: 0,
        end: 24,
      }),
    ).toBe(false);
  });

  it("treats a leading breakpoint as a plain comment", () => {
    expect(split("--> statement-breakpoint\na;")).toEqual([
      { code: "A", line: 2, comments: ["> statement-breakpoint"] },
    ]);
  });
});

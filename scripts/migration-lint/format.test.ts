import { describe, expect, it } from "vitest";
import type { Finding } from "./finding";
import { formatAnnotation, formatFinding, formatSummary } from "./format";

const finding: Finding = {
  file: "drizzle/migrations/0001_x.sql",
  line: 9,
  rule: "drop-table",
  message: "DROP TABLE a deletes rows",
  fix: "stop using a first",
};
const allowed: Finding = {
  ...finding,
  line: 3,
  rule: "unbounded-delete",
  allowedBecause: "reset | approved",
};

describe("formatFinding", () => {
  it("prints file:line rule-id message — fix", () => {
    expect(formatFinding(finding)).toBe(
      "drizzle/migrations/0001_x.sql:9 drop-table DROP TABLE a deletes rows — stop using a first",
    );
  });

  it("prints an allowed finding with its reason instead of the fix", () => {
    expect(formatFinding(allowed)).toBe(
      "drizzle/migrations/0001_x.sql:3 unbounded-delete allowed: reset | approved (DROP TABLE a deletes rows)",
    );
  });
});

describe("formatAnnotation", () => {
  it("emits a GitHub ::error command with escaped properties and data", () => {
    const odd: Finding = {
      ...finding,
      file: "a,b:c.sql",
      message: "100% bad\nreally\r",
      fix: "fix: it",
    };
    expect(formatAnnotation(odd)).toBe(
      "::error file=a%2Cb%3Ac.sql,line=9,title=migration-lint drop-table::100%25 bad%0Areally%0D — fix: it",
    );
  });
});

describe("formatSummary", () => {
  it("says passed when nothing was found", () => {
    expect(formatSummary([], 3)).toBe(
      "### Migration lint: passed\n\n3 migration file(s) checked, 0 allowed finding(s).\n",
    );
  });

  it("tabulates findings, marking allowed ones and escaping pipes", () => {
    expect(formatSummary([finding, allowed], 2).split("\n")).toEqual([
      "### Migration lint: 1 finding(s)",
      "",
      "2 migration file(s) checked, 1 allowed finding(s).",
      "",
      "| Where | Rule | Status | Finding | Fix |",
      "| --- | --- | --- | --- | --- |",
      "| drizzle/migrations/0001_x.sql:9 | drop-table | ❌ | DROP TABLE a deletes rows | stop using a first |",
      "| drizzle/migrations/0001_x.sql:3 | unbounded-delete | allowed: reset \\| approved | DROP TABLE a deletes rows | stop using a first |",
      "",
    ]);
  });

  it("says passed when every finding is allowed", () => {
    expect(formatSummary([{ ...allowed, message: "two\nlines" }], 1)).toContain(
      "passed",
    );
    expect(formatSummary([{ ...allowed, message: "two\nlines" }], 1)).toContain(
      "| two lines |",
    );
  });
});

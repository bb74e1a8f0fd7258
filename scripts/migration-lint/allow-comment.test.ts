import { describe, expect, it } from "vitest";
import { parseAllowComments } from "./allow-comment";
import { tokenize } from "./tokenize";

const parse = (sql: string) =>
  parseAllowComments(tokenize(sql).tokens.filter((t) => t.kind === "comment"));

describe("parseAllowComments", () => {
  it("reads rule and reason from -- and /* */ comments", () => {
    expect(
      parse(
        "-- migration-lint: allow drop-table: unused since 2026-10\n/*migration-lint:allow drop-column:  gone: really  */",
      ),
    ).toEqual({
      allows: [
        { rule: "drop-table", reason: "unused since 2026-10", line: 1 },
        { rule: "drop-column", reason: "gone: really", line: 2 },
      ],
      findings: [],
    });
  });

  it("trims the reason, also when it spans lines", () => {
    expect(
      parse("/* migration-lint: allow drop-table:\n  moved to KV\n*/").allows,
    ).toEqual([{ rule: "drop-table", reason: "moved to KV", line: 1 }]);
  });

  it("ignores comments that are not migration-lint directives", () => {
    expect(
      parse(
        "-- allow drop-table: x\n-- note: migration-lint: allow drop-table: x",
      ),
    ).toEqual({ allows: [], findings: [] });
  });

  it.each([
    "-- migration-lint: allow drop-table",
    "-- migration-lint: allow drop-table:",
    "-- migration-lint: allow drop-table:   ",
  ])("flags %j as an allow without a reason", (sql) => {
    const { allows, findings } = parse(sql);
    expect(allows).toEqual([]);
    expect(findings).toEqual([
      {
        line: 1,
        rule: "allow-without-reason",
        message:
          "allow drop-table gives no reason, so reviewers cannot tell why the risk is acceptable",
        fix: 'write "-- migration-lint: allow drop-table: <why this is safe>"',
      },
    ]);
  });

  it.each([
    ["-- migration-lint: allow drop-tables: typo", "allow drop-tables: typo"],
    ["-- migration-lint: ignore drop-table: x", "ignore drop-table: x"],
    ["-- migration-lint:", ""],
    ["-- migration-lint: allow", "allow"],
    ["-- migration-lint: allow : reason", "allow : reason"],
  ])("flags %j as naming no known rule", (sql, body) => {
    expect(parse(sql).findings).toEqual([
      {
        line: 1,
        rule: "allow-unknown-rule",
        message: `"migration-lint: ${body}" does not name a known rule`,
        fix: 'write "-- migration-lint: allow <rule-id>: <reason>" with a rule id printed by this gate',
      },
    ]);
  });
});

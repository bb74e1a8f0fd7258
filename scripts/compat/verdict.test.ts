import { describe, expect, it } from "vitest";
import { scanAllowComments, scanMigrations } from "./allow-breaking";
import { parseAgainst } from "./against";
import { migrationsNewSince, migrationsRemovedSince } from "./new-migrations";
import { readSuiteOutcome } from "./playwright-report";
import { decide } from "./verdict";
import { workerErrors } from "./worker-log";

const sha = "0123456789abcdef0123456789abcdef01234567";
const noAllows = scanMigrations([]);
const failing = {
  passed: 2,
  failed: [{ file: "guestbook.spec.ts", title: "signs", error: "Timeout" }],
  errors: [],
};

describe("decide", () => {
  it("passes when the old suite passes, naming what it ran", () => {
    const v = decide({
      commit: sha,
      migrations: ["drizzle/migrations/0001_add.sql"],
      suite: { passed: 3, failed: [], errors: [] },
      allows: noAllows,
    });
    expect(v).toMatchObject({ status: "compatible", exitCode: 0 });
    expect(v.lines[0]?.text).toMatch(/3 test\(s\) of 0123456789ab/);
  });

  it("fails naming the migration, the test, its error, the worker's error and expand/contract", () => {
    const v = decide({
      commit: sha,
      migrations: ["drizzle/migrations/0001_rename.sql"],
      suite: failing,
      allows: noAllows,
      workerErrors: ["D1_ERROR: no such column: author"],
    });
    expect(v).toMatchObject({ status: "breaking", exitCode: 1 });
    expect(v.lines).toHaveLength(1);
    expect(v.lines[0]?.text).toMatch(
      /^guestbook\.spec\.ts › signs failed on the serving build 0123456789ab on the new schema \(migration drizzle\/migrations\/0001_rename\.sql\): Timeout \(the worker logged: D1_ERROR: no such column: author\) — .*expand-and-contract.*compat: allow breaking/,
    );
  });

  it("an allow with a reason turns the failure into a notice", () => {
    const allows = scanAllowComments(
      "m.sql",
      "-- compat: allow breaking: downtime window 2026-12-20\nALTER TABLE x RENAME TO y;",
    );
    const v = decide({
      commit: sha,
      migrations: ["m.sql"],
      suite: failing,
      allows,
    });
    expect(v).toMatchObject({ status: "breaking-allowed", exitCode: 0 });
    expect(v.lines.at(-1)?.text).toMatch(
      /allowed by m\.sql:1: downtime window/,
    );
  });

  it("an allow without a reason allows nothing", () => {
    const allows = scanAllowComments("m.sql", "-- compat: allow breaking\n");
    expect(allows.allows).toEqual([]);
    const v = decide({
      commit: sha,
      migrations: ["m.sql"],
      suite: failing,
      allows,
    });
    expect(v.status).toBe("breaking");
    expect(v.lines[0]?.text).toMatch(
      /^m\.sql:1 allow breaking gives no reason/,
    );
  });

  it("a suite that ran nothing fails closed", () => {
    const v = decide({
      commit: sha,
      migrations: ["m.sql"],
      suite: { passed: 0, failed: [], errors: [] },
      allows: noAllows,
    });
    expect(v.exitCode).toBe(1);
    expect(v.lines[0]?.text).toMatch(/ran no test/);
  });
});

describe("the pieces", () => {
  it("new migrations are added or edited files; removed ones are listed apart", () => {
    const old = [
      { file: "a.sql", sql: "1" },
      { file: "b.sql", sql: "2" },
      { file: "gone.sql", sql: "3" },
    ];
    const now = [
      { file: "a.sql", sql: "1" },
      { file: "b.sql", sql: "2 edited" },
      { file: "c.sql", sql: "4" },
    ];
    expect(migrationsNewSince(old, now).map((m) => m.file)).toEqual([
      "b.sql",
      "c.sql",
    ]);
    expect(migrationsRemovedSince(old, now)).toEqual(["gone.sql"]);
  });

  it("--against names an environment or a commit", () => {
    expect(parseAgainst("staging", ["staging", "production"])).toEqual({
      kind: "environment",
      name: "staging",
    });
    expect(parseAgainst(" abc123 ", ["staging"])).toEqual({
      kind: "commit",
      revision: "abc123",
    });
    expect(() => parseAgainst("", ["staging"])).toThrow(/--against is empty/);
  });

  it("reads failures from Playwright's JSON report, nested describes included", () => {
    const report = {
      suites: [
        {
          title: "guestbook.spec.ts",
          file: "guestbook.spec.ts",
          specs: [
            { title: "renders", tests: [{ status: "expected", results: [] }] },
          ],
          suites: [
            {
              title: "form",
              file: "guestbook.spec.ts",
              specs: [
                {
                  title: "signs",
                  tests: [
                    {
                      status: "unexpected",
                      results: [
                        {
                          status: "failed",
                          error: {
                            message:
                              "\u001b[31mError: expect(received)\u001b[39m\n  at x",
                          },
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
      errors: [
        { message: "Testing stopped early after 1 maximum allowed failures." },
      ],
    };
    expect(readSuiteOutcome(JSON.stringify(report))).toEqual({
      passed: 1,
      failed: [
        {
          file: "guestbook.spec.ts",
          title: "form › signs",
          error: "Error: expect(received)",
        },
      ],
      errors: [],
    });
  });

  it("quotes the worker's database errors, not wrangler's chatter", () => {
    const log = [
      "✘ [ERROR] Error: getaddrinfo ENOTFOUND workers.cloudflare.com",
      "Error: Failed query: select ... D1_ERROR: no such column: author: SQLITE_ERROR",
      "D1_ERROR: no such column: author: SQLITE_ERROR",
    ].join("\n");
    expect(workerErrors(log)).toEqual([
      "D1_ERROR: no such column: author: SQLITE_ERROR",
    ]);
  });

  it("reads only compat: comments, and says how to write a bad one", () => {
    const scan = scanAllowComments(
      "m.sql",
      "-- compat: maybe\n-- migration-lint: allow drop-table: x\n",
    );
    expect(scan.allows).toEqual([]);
    expect(scan.problems).toEqual([
      {
        file: "m.sql",
        line: 1,
        message: expect.stringMatching(
          /is not an allow — write "-- compat: allow breaking: <reason>"/,
        ),
      },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { describeDatabaseProblem, errorText } from "./database-problem";

const repo = ["0000_a.sql", "0001_b.sql"];

describe("describeDatabaseProblem", () => {
  it("names the pending migrations and db:migrate:local on a local database", () => {
    expect(
      describeDatabaseProblem({
        probe: { reachable: true, appliedMigrations: ["0000_a.sql"] },
        repoMigrations: repo,
        queryError: "no such column: b",
        appEnv: "local",
      }),
    ).toEqual({
      summary: "The local D1 database is missing 1 migration(s): 0001_b.sql.",
      fix: "npm run db:migrate:local",
    });
  });

  it("points at db:change when every migration is applied but the query fails", () => {
    const problem = describeDatabaseProblem({
      probe: { reachable: true, appliedMigrations: repo },
      repoMigrations: repo,
      queryError: "no such column: notes.mood",
      appEnv: "local",
    });
    expect(problem.summary).toContain("no such column: notes.mood");
    expect(problem.summary).toContain("src/db/schema.ts");
    expect(problem.fix).toBe("npm run db:change -- --name <what_changed>");
  });

  it("reports an unreachable local database with its error", () => {
    const problem = describeDatabaseProblem({
      probe: { reachable: false, error: "D1_ERROR: boom" },
      repoMigrations: repo,
      queryError: "x",
      appEnv: "local",
    });
    expect(problem.summary).toContain("D1_ERROR: boom");
  });

  it.each(["staging", "production"] as const)(
    "shows no SQL details on %s",
    (appEnv) => {
      const problem = describeDatabaseProblem({
        probe: { reachable: true, appliedMigrations: [] },
        repoMigrations: repo,
        queryError: "no such table: notes",
        appEnv,
      });
      expect(JSON.stringify(problem)).not.toContain("notes");
      expect(problem.fix).toContain(appEnv);
    },
  );
});

describe("errorText", () => {
  it("prefers the cause drizzle wraps around D1's message", () => {
    const error = new Error("Failed query: select …\nparams: ", {
      cause: new Error("D1_ERROR: no such table: notes"),
    });
    expect(errorText(error)).toBe("D1_ERROR: no such table: notes");
  });
  it("uses the first line of the message, or the string of a non-Error", () => {
    expect(errorText(new Error("one\ntwo"))).toBe("one");
    expect(errorText("plain")).toBe("plain");
  });
});

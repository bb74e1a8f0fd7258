import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "../..");
const tsx = join(repoRoot, "node_modules/.bin/tsx");
const cli = join(import.meta.dirname, "cli.ts");
const fixtures = join(import.meta.dirname, "fixtures");
const work = mkdtempSync(join(tmpdir(), "migration-lint-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A project dir with its own wrangler.jsonc whose migrations_dir holds a fixture set. */
function project(
  name: string,
  fixtureSet: string | undefined,
  config?: string,
): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "wrangler.jsonc"),
    config ??
      '{\n  // test project\n  "d1_databases": [{ "binding": "DB", "migrations_dir": "db/migrations", },],\n}\n',
  );
  if (fixtureSet !== undefined)
    cpSync(join(fixtures, fixtureSet), join(dir, "db/migrations"), {
      recursive: true,
    });
  return dir;
}

function run(
  cwd: string,
  args: string[] = [],
  env: Record<string, string> = {},
) {
  const result = spawnSync(tsx, [cli, ...args], {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GITHUB_ACTIONS: "",
      GITHUB_STEP_SUMMARY: "",
      ...env,
    },
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

describe("migration-lint CLI", () => {
  it("exits 0 on the safe set read from wrangler.jsonc's migrations_dir", () => {
    const result = run(project("safe", "safe"));
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toBe(
      "migration-lint: 9 file(s) checked, passed, 0 allowed.\n",
    );
  });

  it("exits 1 with file:line rule-id message — fix, annotations and a step summary on GitHub", () => {
    const summary = join(work, "summary.md");
    const result = run(project("drop", "drop-table"), [], {
      GITHUB_ACTIONS: "true",
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /^db\/migrations\/0001_drop_sessions\.sql:1 drop-table sessions: 3 of 3 rows deleted .+ — release code/,
    );
    expect(lines[1]).toMatch(
      /^::error file=db\/migrations\/0001_drop_sessions\.sql,line=1,title=migration-lint drop-table::sessions: 3 of 3 rows deleted/,
    );
    expect(lines[2]).toBe(
      "migration-lint: 2 file(s) checked, failed with 1 finding(s), 0 allowed.",
    );
    expect(readFileSync(summary, "utf8")).toContain(
      "| db/migrations/0001_drop_sessions.sql:1 | drop-table | ❌ |",
    );
  });

  it("exits 0 on allowed findings and 1 on an allow without a reason, linting the files given", () => {
    const dir = project("files", undefined);
    const allowed = run(dir, [
      join(fixtures, "allowed/0000_init.sql"),
      join(fixtures, "allowed/0001_drop_sessions.sql"),
    ]);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain("passed, 2 allowed.");
    const noReason = run(dir, [
      join(fixtures, "allow-without-reason/0001_drop_sessions.sql"),
    ]);
    expect(noReason.status).toBe(1);
    expect(noReason.stdout).toContain("allow-without-reason");
  });

  it.each([
    [
      "a missing migration file",
      ["missing.sql"],
      undefined,
      /^migration-lint: missing\.sql: cannot read the migration file \(ENOENT\) — /,
    ],
    [
      "a missing migrations directory",
      [],
      undefined,
      /^migration-lint: db\/migrations: cannot read the migrations directory \(ENOENT\) — /,
    ],
    [
      "malformed wrangler.jsonc",
      [],
      "{ d1_databases: }",
      /^migration-lint: wrangler\.jsonc: not valid JSONC /,
    ],
    [
      "an unknown option",
      ["--nope"],
      undefined,
      /^migration-lint: Unknown option '--nope'.* — see --help$/,
    ],
  ])("exits 2 with one line for %s", (name, args, config, message) => {
    const result = run(
      project(name.replaceAll(" ", "-"), undefined, config),
      args,
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(message),
    ]);
  });

  it("reads drizzle-kit's nested layout through migrations_pattern, and refuses to pass a folder it cannot match", () => {
    const nested = (name: string, pattern?: string) => {
      const dir = project(
        name,
        undefined,
        JSON.stringify({
          d1_databases: [
            {
              binding: "DB",
              migrations_dir: "drizzle",
              ...(pattern === undefined ? {} : { migrations_pattern: pattern }),
            },
          ],
        }),
      );
      for (const file of ["0000_init.sql", "0001_drop_sessions.sql"]) {
        const folder = join(dir, "drizzle", file.replace(".sql", ""));
        mkdirSync(folder, { recursive: true });
        cpSync(
          join(fixtures, "drop-table", file),
          join(folder, "migration.sql"),
        );
      }
      return dir;
    };
    const matched = run(nested("pattern", "drizzle/*/migration.sql"));
    expect(matched.status).toBe(1);
    expect(matched.stdout).toContain(
      "0001_drop_sessions/migration.sql:1 drop-table sessions: 3 of 3 rows deleted",
    );
    const unmatched = run(nested("no-pattern"));
    expect(unmatched.status).toBe(2);
    expect(unmatched.stderr).toMatch(
      /drizzle: 2 \.sql file\(s\) in sub-folders .* set "migrations_pattern"/,
    );
    const wrong = run(nested("wrong-pattern", "drizzle/*.sql"));
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain(
      'none matches migrations_pattern "drizzle/*.sql"',
    );
  });

  it("uses an absolute migrations_dir as it is", () => {
    const absolute = join(work, "absolute-migrations");
    cpSync(join(fixtures, "drop-column"), absolute, { recursive: true });
    const dir = project(
      "absolute",
      undefined,
      JSON.stringify({
        d1_databases: [{ binding: "DB", migrations_dir: absolute }],
      }),
    );
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `${join(absolute, "0001_drop_age.sql")}:1 drop-column`,
    );
  });

  it("replays pending migrations on a wrangler d1 export with --seed-from", () => {
    const dir = project("seed-from", "drop-table");
    const exported = join(dir, "export.sql");
    writeFileSync(
      exported,
      [
        "PRAGMA defer_foreign_keys=TRUE;",
        readFileSync(
          join(fixtures, "drop-table/0000_init.sql"),
          "utf8",
        ).replaceAll("--> statement-breakpoint", ""),
        "CREATE TABLE d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);",
        "INSERT INTO d1_migrations (name) VALUES ('0000_init.sql');",
        "INSERT INTO users (id, email) VALUES (1, 'a@example.com');",
        "INSERT INTO sessions (id, user_id) VALUES ('s1', 1), ('s2', 1);",
      ].join("\n"),
    );
    const result = run(dir, ["--seed-from", exported]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("sessions: 2 of 2 rows deleted");
    expect(result.stdout).toContain(
      "1 migration(s) already applied in the export",
    );
    const missing = run(dir, ["--seed-from", join(dir, "nope.sql")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /nope\.sql: cannot read the --seed-from export \(ENOENT\)/,
    );
  });

  it("prints help", () => {
    const result = run(work, ["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "Usage: npm run lint:migrations -- [options] [FILES…]",
    );
    expect(result.stdout).toContain(
      "-- migration-lint: allow <rule-id>: <reason>",
    );
  });
});

import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { lintMigrations } from "./lint-migrations";
import { runWrangler as runIn, type WranglerRun } from "./local-wrangler";

/**
 * Why rebuild-cascade exists: drizzle-kit's rebuild of a parent table, applied by wrangler to a
 * real local D1, reports success and silently deletes every child row.
 */
const fixtures = join(import.meta.dirname, "fixtures/rebuild-cascade");
const dir = mkdtempSync(join(tmpdir(), "d1-cascade-"));
const persist = join(dir, "state");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runWrangler = (args: string[]): Promise<WranglerRun> => runIn(dir, args);

async function apply(): Promise<WranglerRun> {
  const run = await runWrangler([
    "d1",
    "migrations",
    "apply",
    "DB",
    "--local",
    "--persist-to",
    persist,
  ]);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

async function count(table: string): Promise<number> {
  const run = await runWrangler([
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    persist,
    "--json",
    "--command",
    `SELECT count(*) AS n FROM ${table}`,
  ]);
  expect(run.code, run.stderr).toBe(0);
  const [result] = JSON.parse(run.stdout) as [{ results: [{ n: number }] }];
  return result.results[0].n;
}

it("drizzle-kit's rebuild of users, applied to local D1, reports success and deletes every session", async () => {
  mkdirSync(join(dir, "migrations"));
  writeFileSync(
    join(dir, "wrangler.jsonc"),
    JSON.stringify({
      name: "d1-cascade-test",
      compatibility_date: "2025-01-01",
      d1_databases: [
        {
          binding: "DB",
          database_name: "cascade",
          database_id: "00000000-0000-0000-0000-000000000000",
          migrations_dir: "migrations",
        },
      ],
    }),
  );
  copyFileSync(
    join(fixtures, "0000_init.sql"),
    join(dir, "migrations/0000_init.sql"),
  );
  await apply();
  const insert = await runWrangler([
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    persist,
    "--command",
    "INSERT INTO users (id, email, age) VALUES (1, 'a@example.com', 30); INSERT INTO sessions (id, user_id) VALUES ('s1', 1), ('s2', 1);",
  ]);
  expect(insert.code, insert.stderr).toBe(0);
  expect(await count("sessions")).toBe(2);

  const rebuild = "0001_age_to_text.sql";
  const rules = lintMigrations(
    ["0000_init.sql", rebuild].map((file) => ({
      file,
      sql: readFileSync(join(fixtures, file), "utf8"),
    })),
  ).findings.map((f) => f.rule);
  expect(rules).toContain("rebuild-cascade");

  copyFileSync(join(fixtures, rebuild), join(dir, "migrations", rebuild));
  const applied = await apply();
  expect(applied.stdout).toMatch(new RegExp(`${rebuild}\\s*│\\s*✅`));
  expect(await count("users")).toBe(1);
  expect(await count("sessions")).toBe(0);
}, 120_000);

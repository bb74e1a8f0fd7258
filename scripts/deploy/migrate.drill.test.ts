/**
 * Drill on the real local stack (wrangler + miniflare D1): a migration that breaks halfway fails
 * the migrate stage, is rolled back as a whole, and leaves earlier migrations and their rows alone.
 * Runs in a scratch project so the repo's migrations are untouched.
 */
import { APPLIED_MIGRATIONS_SQL, createCloudflareClient } from "./cloudflare";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { silentLog } from "./deploy-log";
import { migrate, type MigrationPlan } from "./migrate";
import { assertSucceeded, createWrangler, REPO_ROOT } from "./wrangler";
import { d1ExecuteJson, local } from "./wrangler-args";
import { readExecuteRows } from "./wrangler-output";

const project = mkdtempSync(join(tmpdir(), "migrate-drill-"));
const migrations = join(project, "migrations");
mkdirSync(migrations);
writeFileSync(
  join(project, "wrangler.jsonc"),
  JSON.stringify({
    name: "migrate-drill",
    compatibility_date: "2026-11-01",
    d1_databases: [
      {
        binding: "DB",
        database_name: "drill",
        database_id: "00000000-0000-0000-0000-00000000d411",
        migrations_dir: "migrations",
      },
    ],
  }),
);
copyFileSync(
  join(REPO_ROOT, "drizzle", "migrations", "0000_create_notes.sql"),
  join(migrations, "0000_create_notes.sql"),
);
afterAll(() => rmSync(project, { recursive: true, force: true }));

const wrangler = createWrangler({ cwd: project });
const plan: MigrationPlan = {
  label: "local",
  scope: { d1Binding: "DB" },
  target: local(join(project, "state")),
  requiredSecrets: [],
};

async function query(sql: string): Promise<Record<string, unknown>[]> {
  return readExecuteRows(
    assertSucceeded(await wrangler(d1ExecuteJson(plan.scope, plan.target, sql)))
      .stdout,
  );
}

describe("drill: a broken migration", () => {
  it("fails the migrate stage and leaves earlier migrations and their data intact", async () => {
    const first = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler }),
      env: {},
      log: silentLog,
    });
    expect(first).toMatchObject({
      ok: true,
      applied: ["0000_create_notes.sql"],
    });
    await query(
      "INSERT INTO notes (author, message, created_at) VALUES ('drill', 'written before the broken migration', 1764000000)",
    );

    // Creates a table, then fails: wrangler must roll back the whole migration, not half of it.
    writeFileSync(
      join(migrations, "0001_broken.sql"),
      "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nINSERT INTO table_that_does_not_exist VALUES (1);\n",
    );
    writeFileSync(
      join(migrations, "0002_after_broken.sql"),
      "CREATE TABLE later (id INTEGER PRIMARY KEY);\n",
    );
    const broken = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler }),
      env: {},
      log: silentLog,
    });

    expect(broken.ok).toBe(false);
    expect(broken.error).toMatch(
      /^local: wrangler d1 migrations apply failed \(exit 1\): .*no such table: table_that_does_not_exist/,
    );
    expect(broken.applied).toEqual([]);
    // The data and d1_migrations in one wrangler run (one D1 batch; both reads change nothing):
    // the broken migration left no table and no d1_migrations row, the earlier one stays.
    const [rows = [], applied = []] = await createCloudflareClient({
      wrangler,
    }).queries(plan.scope, plan.target, [
      "SELECT (SELECT count(*) FROM notes WHERE author = 'drill') AS notes, (SELECT count(*) FROM sqlite_master WHERE name IN ('tags', 'later')) AS newTables",
      APPLIED_MIGRATIONS_SQL,
    ]);
    expect(rows).toEqual([{ notes: 1, newTables: 0 }]);
    expect(applied.map((row) => row["name"])).toEqual([
      "0000_create_notes.sql",
    ]);
    // A hang guard, not a speed figure: four real wrangler runs took over 90 s at load average 10.
  }, 300_000);
});

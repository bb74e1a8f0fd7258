import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCloudflareClient } from "./cloudflare";
import { describe, expect, it } from "vitest";
import { environments } from "../../workflows-src/environments";
import { silentLog } from "./deploy-log";
import { fakeWrangler, rows } from "./fixtures/fake-wrangler";
import {
  migrate,
  migrateSummary,
  describeMigrate,
  type MigrationPlan,
} from "./migrate";
import { REMOTE } from "./wrangler-args";

const production = environments.production;
const plan: MigrationPlan = {
  label: "production",
  scope: production,
  target: REMOTE,
  requiredSecrets: production.secrets,
};
const SECRETS = { CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_ACCOUNT_ID: "a" };
const BOOKMARK = "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683";

describe("migrate (remote orchestration, composed commands pinned)", () => {
  it("lints, records a bookmark, applies and reports what this run applied", async () => {
    const fake = fakeWrangler({
      "d1 time-travel info": { stdout: JSON.stringify({ bookmark: BOOKMARK }) },
      "d1 execute": [
        { stdout: rows(["0000_create_notes.sql"]) },
        { stdout: rows(["0000_create_notes.sql", "0001_add_tags.sql"]) },
      ],
      "d1 migrations apply": { stdout: "✅" },
    });
    let linted = 0;
    const report = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      lint: async () => void linted++,
    });
    expect(linted).toBe(1);
    expect(fake.calls).toEqual([
      ["d1", "time-travel", "info", "DB", "--env", "production", "--json"],
      [
        "d1",
        "execute",
        "DB",
        "--remote",
        "--env",
        "production",
        "--json",
        "--command",
        "SELECT name FROM d1_migrations ORDER BY id",
      ],
      ["d1", "migrations", "apply", "DB", "--remote", "--env", "production"],
      [
        "d1",
        "execute",
        "DB",
        "--remote",
        "--env",
        "production",
        "--json",
        "--command",
        "SELECT name FROM d1_migrations ORDER BY id",
      ],
    ]);
    expect(report).toMatchObject({
      ok: true,
      bookmark: BOOKMARK,
      applied: ["0001_add_tags.sql"],
      remote: true,
    });
    const summary = migrateSummary(report);
    expect(summary).toContain(
      `Time Travel bookmark before applying: \`${BOOKMARK}\``,
    );
    expect(summary).toContain("| 0001_add_tags.sql | applied now |");
    expect(summary).toContain("| 0000_create_notes.sql | already applied |");
  });

  it("treats 'nothing to apply' as success", async () => {
    const fake = fakeWrangler({
      "d1 time-travel info": { stdout: JSON.stringify({ bookmark: BOOKMARK }) },
      "d1 execute": { stdout: rows(["0000_create_notes.sql"]) },
      "d1 migrations apply": { stdout: "✅ No migrations to apply!" },
    });
    const report = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
    });
    expect(report).toMatchObject({ ok: true, applied: [] });
    expect(describeMigrate(report)).toMatch(
      /^migrate production: no migrations to apply \(1 applied/,
    );
    expect(migrateSummary(report)).toContain("No migrations to apply.");
  });

  it("stops before any wrangler call when a secret is missing", async () => {
    const fake = fakeWrangler({});
    const report = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: { CLOUDFLARE_API_TOKEN: "t" },
      log: silentLog,
    });
    expect(fake.calls).toEqual([]);
    expect(report).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^production: required secret CLOUDFLARE_ACCOUNT_ID not set/,
      ),
    });
  });

  it("stops before touching D1 when lint fails", async () => {
    const fake = fakeWrangler({});
    const lint = async () => {
      throw new Error("npm run lint:migrations failed (exit 1)");
    };
    const report = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      lint,
    });
    expect(fake.calls).toEqual([]);
    expect(report).toMatchObject({
      ok: false,
      error: "npm run lint:migrations failed (exit 1)",
    });
  });

  it("fails when the bookmark cannot be recorded, without applying", async () => {
    const fake = fakeWrangler({
      "d1 time-travel info": {
        code: 1,
        stderr: "✘ [ERROR] A request to the Cloudflare API failed.",
      },
    });
    const report = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
    });
    expect(fake.commands()).toEqual(["d1 time-travel info"]);
    expect(report.error).toBe(
      "wrangler d1 time-travel info failed (exit 1): A request to the Cloudflare API failed.",
    );
  });

  it("fails on an apply error and still lists what landed", async () => {
    const fake = fakeWrangler({
      "d1 time-travel info": { stdout: JSON.stringify({ bookmark: BOOKMARK }) },
      "d1 execute": [
        { stdout: rows(["0000_a.sql"]) },
        { stdout: rows(["0000_a.sql", "0001_b.sql"]) },
      ],
      "d1 migrations apply": {
        code: 1,
        stderr:
          '✘ [ERROR] near "TABEL": syntax error at offset 7: SQLITE_ERROR',
      },
    });
    const report = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
    });
    expect(report).toMatchObject({
      ok: false,
      applied: ["0001_b.sql"],
      bookmark: BOOKMARK,
    });
    expect(report.error).toBe(
      'production: wrangler d1 migrations apply failed (exit 1): near "TABEL": syntax error at offset 7: SQLITE_ERROR',
    );
    expect(migrateSummary(report)).toContain("**Failed:**");
  });

  it("reads an empty history on a new remote database, where the SQL error is in the API's notes", async () => {
    // Real wrangler 4.164 output for `d1 execute --remote --json` before the first apply.
    const noTable = {
      code: 1,
      stdout: readFileSync(
        new URL(
          "cloudflare/fixtures/d1-execute-remote-sql-error.stdout",
          import.meta.url,
        ),
        "utf8",
      ),
    };
    const fake = fakeWrangler({
      "d1 time-travel info": { stdout: JSON.stringify({ bookmark: BOOKMARK }) },
      "d1 execute": [noTable, { stdout: rows(["0000_a.sql"]) }],
      "d1 migrations apply": {},
    });
    const report = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
    });
    expect(report).toMatchObject({ ok: true, applied: ["0000_a.sql"] });
  });

  it("reads an empty history when d1_migrations does not exist yet", async () => {
    const noTable = {
      code: 1,
      stderr: JSON.stringify({
        error: { text: "no such table: d1_migrations: SQLITE_ERROR" },
      }),
    };
    const fake = fakeWrangler({
      "d1 time-travel info": { stdout: JSON.stringify({ bookmark: BOOKMARK }) },
      "d1 execute": [noTable, { stdout: rows(["0000_a.sql"]) }],
      "d1 migrations apply": {},
    });
    const report = await migrate(plan, {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
    });
    expect(report).toMatchObject({ ok: true, applied: ["0000_a.sql"] });
  });

  it("with the migrations dir on a new database: one failed batch read falls back to the ledger alone, and one batch records and reads back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migrate-test-"));
    writeFileSync(join(dir, "0000_a.sql"), "CREATE TABLE a (id INTEGER);\n");
    // Real wrangler 4.164 output: D1 names the first missing table of the batch.
    const noTable = (table: string) => ({
      code: 1,
      stdout: readFileSync(
        new URL(
          "cloudflare/fixtures/d1-execute-remote-sql-error.stdout",
          import.meta.url,
        ),
        "utf8",
      ).replace("d1_migrations", table),
    });
    const results = (...sets: string[][]) =>
      JSON.stringify(
        sets.map((names) => ({
          results: names.map((name) => ({ name })),
          success: true,
          meta: {},
        })),
      );
    const fake = fakeWrangler({
      "d1 time-travel info": { stdout: JSON.stringify({ bookmark: BOOKMARK }) },
      "d1 execute": [
        noTable("d1_migrations"),
        noTable("pipeline_d1_ledger"),
        { stdout: results([], [], ["0000_a.sql"]) },
      ],
      "d1 migrations apply": {},
    });
    const report = await migrate(
      { ...plan, migrationsDir: dir },
      {
        cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
        env: SECRETS,
        log: silentLog,
      },
    );
    expect(report).toMatchObject({
      ok: true,
      applied: ["0000_a.sql"],
      bookmark: BOOKMARK,
    });
    const sql = fake.calls
      .filter((args) => args[1] === "execute")
      .map((args) => args.at(-1) ?? "");
    expect(sql[0]).toBe(
      "SELECT name FROM d1_migrations ORDER BY id; SELECT id, at, kind, migration, bookmark, detail FROM pipeline_d1_ledger ORDER BY id",
    );
    expect(sql[1]).toBe(
      "SELECT id, at, kind, migration, bookmark, detail FROM pipeline_d1_ledger ORDER BY id",
    );
    expect(sql[2]).toMatch(
      /^CREATE TABLE IF NOT EXISTS pipeline_d1_ledger .*; INSERT OR IGNORE INTO pipeline_d1_ledger .* SELECT NULL, '[^']+', 'applied', name, '00000085-[^']+', NULL FROM d1_migrations WHERE 1 ORDER BY id; SELECT name FROM d1_migrations ORDER BY id$/,
    );
    expect(fake.commands()).toEqual([
      "d1 execute",
      "d1 execute",
      "d1 time-travel info",
      "d1 migrations apply",
      "d1 execute",
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("on a database the caller has just created: no read before applying, the same record after", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migrate-test-"));
    writeFileSync(join(dir, "0000_a.sql"), "CREATE TABLE a (id INTEGER);\n");
    const fake = fakeWrangler({
      "d1 time-travel info": { stdout: JSON.stringify({ bookmark: BOOKMARK }) },
      "d1 execute": {
        stdout: JSON.stringify(
          [[], [], [{ name: "0000_a.sql" }]].map((results) => ({
            results,
            success: true,
            meta: {},
          })),
        ),
      },
      "d1 migrations apply": {},
    });
    const report = await migrate(
      { ...plan, migrationsDir: dir, newDatabase: true },
      {
        cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
        env: SECRETS,
        log: silentLog,
      },
    );
    expect(report).toMatchObject({
      ok: true,
      applied: ["0000_a.sql"],
      allApplied: ["0000_a.sql"],
      bookmark: BOOKMARK,
    });
    expect(fake.commands()).toEqual([
      "d1 time-travel info",
      "d1 migrations apply",
      "d1 execute",
    ]);
    expect(fake.calls.at(-1)?.at(-1)).toMatch(
      /^CREATE TABLE IF NOT EXISTS pipeline_d1_ledger .*'applied', name, '00000085-[^']+', NULL FROM d1_migrations WHERE 1 ORDER BY id; SELECT name FROM d1_migrations ORDER BY id$/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("records apart when the one-batch record would be longer than D1 takes (thousands of applied migrations)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migrate-test-"));
    writeFileSync(join(dir, "9999_new.sql"), "CREATE TABLE n (id INTEGER);\n");
    const applied = Array.from(
      { length: 3000 },
      (_, i) => `${String(i).padStart(4, "0")}_an_old_migration_name.sql`,
    );
    const fake = fakeWrangler({
      "d1 time-travel info": { stdout: JSON.stringify({ bookmark: BOOKMARK }) },
      "d1 execute": [
        {
          stdout: JSON.stringify([
            {
              results: applied.map((name) => ({ name })),
              success: true,
              meta: {},
            },
            { results: [], success: true, meta: {} },
          ]),
        },
        { stdout: rows([...applied, "9999_new.sql"]) },
        { stdout: rows([]) },
      ],
      "d1 migrations apply": {},
    });
    const report = await migrate(
      { ...plan, migrationsDir: dir },
      {
        cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
        env: SECRETS,
        log: silentLog,
      },
    );
    expect(report).toMatchObject({ ok: true, applied: ["9999_new.sql"] });
    const sql = fake.calls
      .filter((args) => args[1] === "execute")
      .map((args) => args.at(-1) ?? "");
    expect(sql[1]).toBe("SELECT name FROM d1_migrations ORDER BY id");
    expect(sql[2]).toMatch(
      /^CREATE TABLE IF NOT EXISTS pipeline_d1_ledger .*; INSERT OR IGNORE INTO pipeline_d1_ledger .* VALUES \(NULL, '[^']+', 'applied', '9999_new.sql', '00000085-[^']+', NULL\)$/,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { lintMigrations } from "./lint-migrations";
import { runWrangler } from "./local-wrangler";

/**
 * Why a file with BEGIN/COMMIT is sql-error although plain SQLite (and drizzle's own migrator)
 * applies it: the real wrangler refuses drizzle's COMMIT / PRAGMA / BEGIN escape even locally.
 * One BEGIN TRANSACTION; … COMMIT; pair it strips, so the local D1 in CI passes while --remote
 * sends the file as written to D1, which refuses BEGIN TRANSACTION (cloudflare/workerd#5411).
 */
const dir = mkdtempSync(join(tmpdir(), "d1-transactions-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const init = "CREATE TABLE t (id integer PRIMARY KEY, name text);";

/** A project whose second migration is `sql`; returns wrangler's local apply and the gate's findings. */
async function applyLocally(name: string, sql: string) {
  const project = join(dir, name);
  mkdirSync(join(project, "migrations"), { recursive: true });
  writeFileSync(
    join(project, "wrangler.jsonc"),
    JSON.stringify({
      name: "d1-transactions-test",
      compatibility_date: "2025-01-01",
      d1_databases: [
        {
          binding: "DB",
          database_name: "tx",
          database_id: "00000000-0000-0000-0000-000000000001",
          migrations_dir: "migrations",
        },
      ],
    }),
  );
  writeFileSync(join(project, "migrations/0000_init.sql"), init);
  writeFileSync(join(project, "migrations/0001_tx.sql"), sql);
  const run = await runWrangler(project, [
    "d1",
    "migrations",
    "apply",
    "DB",
    "--local",
    "--persist-to",
    join(project, "state"),
  ]);
  const findings = lintMigrations([
    { file: "0000_init.sql", sql: init },
    { file: "0001_tx.sql", sql },
  ]).findings.map((f) => `${f.line} ${f.rule}: ${f.message}`);
  return { run, findings };
}

it("wrangler refuses drizzle's transaction escape locally, as the gate says", async () => {
  const { run, findings } = await applyLocally(
    "several",
    "COMMIT TRANSACTION;\n--> statement-breakpoint\nPRAGMA foreign_keys = OFF;\n--> statement-breakpoint\nBEGIN TRANSACTION;\n--> statement-breakpoint\nALTER TABLE t ADD COLUMN x text;\n--> statement-breakpoint\nCOMMIT TRANSACTION;\n--> statement-breakpoint\nPRAGMA foreign_keys = ON;\n--> statement-breakpoint\nBEGIN TRANSACTION;",
  );
  expect(run.code).toBe(1);
  const refusal =
    "Wrangler could not process the provided SQL file, as it contains several transactions";
  expect(run.stdout + run.stderr).toContain(refusal);
  expect(findings).toEqual([expect.stringContaining(`1 sql-error: `)]);
  expect(findings[0]).toContain(refusal);
}, 120_000);

it("wrangler strips one BEGIN TRANSACTION; … COMMIT; pair locally, so only the gate stops what D1 refuses", async () => {
  const { run, findings } = await applyLocally(
    "single",
    "BEGIN TRANSACTION;\nALTER TABLE t ADD COLUMN x text;\nCOMMIT;",
  );
  expect(run.code, run.stderr).toBe(0);
  expect(findings).toEqual([
    "1 sql-error: D1 rejects BEGIN/COMMIT/ROLLBACK/SAVEPOINT in a migration: it runs each file in its own transaction, so wrangler d1 migrations apply fails",
  ]);
}, 120_000);

/**
 * The schema loop in one command: src/db/schema.ts → drizzle-kit generate → the migration gate →
 * the local D1. The gate decides: a migration it fails is never applied, so a destructive change
 * reaches the local database only with the reviewed allow comment CI would also need.
 */
import type { LocalMigrateResult } from "./migrate-local";

export interface DbChangeSteps {
  /** *.sql file names in the migrations directory. */
  listMigrations(): readonly string[];
  /** `drizzle-kit generate --name <name>`; its exit code. */
  generate(name: string): Promise<number>;
  /** `npm run lint:migrations` (the same gate CI runs); its exit code. */
  gate(): Promise<number>;
  apply(): Promise<LocalMigrateResult>;
  print(line: string): void;
}

/** Lower-case snake case, as the migration file names read (0001_add_mood.sql). */
export const MIGRATION_NAME = /^[a-z][a-z0-9_]*$/;

export async function dbChange(
  name: string,
  steps: DbChangeSteps,
  migrationsDir = "drizzle/migrations",
): Promise<number> {
  const before = new Set(steps.listMigrations());
  const generated = await steps.generate(name);
  if (generated !== 0) {
    steps.print(
      `db:change: drizzle-kit generate failed (exit ${generated}) — fix src/db/schema.ts (see above) and run again`,
    );
    return 1;
  }
  const created = steps.listMigrations().filter((file) => !before.has(file));
  steps.print(
    created.length === 0
      ? "db:change: no schema change to generate; checking and applying what is pending"
      : `db:change: generated ${created.map((f) => `${migrationsDir}/${f}`).join(", ")}`,
  );
  const gate = await steps.gate();
  if (gate !== 0) {
    steps.print(
      `db:change: not applied — the migration gate failed (exit ${gate}); make the migration safe (expand/contract, docs/deployment/migrations-guide.md) or, if the loss is intended, put "-- migration-lint: allow <rule-id>: <reason>" above the statement, then run this command again`,
    );
    return 1;
  }
  const { applied } = await steps.apply();
  steps.print(
    applied.length === 0
      ? "db:change: the local D1 was already up to date"
      : `db:change: applied ${applied.join(", ")} to the local D1 — reload the app to see it`,
  );
  return 0;
}

/**
 * Brings the local D1 (the one `npm run dev` and `npm run preview` read) up to the repo's
 * migrations. The argv comes from the same builder the deploy pipeline uses, so local and remote
 * apply differ only in the target; createWrangler sets CI=true, which answers wrangler's
 * "continue?" prompt itself.
 */
import { assertSucceeded, type Wrangler } from "../deploy/wrangler";
import { d1MigrationsApply, local, localScope } from "../deploy/wrangler-args";

/**
 * Names wrangler marked ✅ (`│ 0001_x.sql │ ✅ │`), once each: it reprints the whole status table
 * after every migration it applies.
 */
export function appliedMigrations(stdout: string): string[] {
  const names = [...stdout.matchAll(/│[ \t]*(\S+\.sql)[ \t]*│[ \t]*✅/g)];
  return [...new Set(names.map((m) => m[1]!))];
}

export interface LocalMigrateResult {
  readonly applied: readonly string[];
}

/** Throws one line naming the wrangler command and its cause when the apply fails. */
export async function migrateLocal(
  wrangler: Wrangler,
  persistTo?: string,
): Promise<LocalMigrateResult> {
  const run = assertSucceeded(
    await wrangler(d1MigrationsApply(localScope(), local(persistTo))),
  );
  return { applied: appliedMigrations(run.stdout) };
}

export function describeLocalMigrate(
  result: LocalMigrateResult,
  persistTo = ".wrangler/state",
): string {
  return result.applied.length === 0
    ? `db:migrate:local: local D1 (${persistTo}) is up to date`
    : `db:migrate:local: applied ${result.applied.join(", ")} to the local D1 (${persistTo})`;
}

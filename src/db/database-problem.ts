import type { DatabaseProbe } from "@/health/build-health-response";

/** What the page shows instead of a 500 when D1 cannot serve the guestbook. */
export interface DatabaseProblem {
  /** One sentence: what is wrong. */
  readonly summary: string;
  /** The command that fixes it (local), or where to look (deployed). */
  readonly fix: string;
}

export type AppEnv = "local" | "staging" | "production";

/** drizzle wraps D1's error ("no such table: notes") as the cause of "Failed query: …". */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? error.message.split("\n")[0] ?? "unknown error";
}

/**
 * Explains a failed query from what the health probe learned. Details (table names, SQL errors)
 * are shown only on a local database: deployed environments say where to look instead.
 */
export function describeDatabaseProblem(input: {
  probe: DatabaseProbe;
  repoMigrations: readonly string[];
  queryError: string;
  appEnv: AppEnv;
}): DatabaseProblem {
  const { probe, appEnv } = input;
  if (appEnv !== "local") {
    return {
      summary: "The guestbook database is not available right now.",
      fix: `check GET /api/health of this deployment; if migrations are pending, run the deploy workflow's migrate job for ${appEnv}`,
    };
  }
  if (!probe.reachable) {
    return {
      summary: `The local D1 database did not answer (${probe.error}).`,
      fix: "npm run db:migrate:local",
    };
  }
  const applied = new Set(probe.appliedMigrations);
  const pending = input.repoMigrations.filter((name) => !applied.has(name));
  if (pending.length > 0) {
    return {
      summary: `The local D1 database is missing ${pending.length} migration(s): ${pending.join(", ")}.`,
      fix: "npm run db:migrate:local",
    };
  }
  // Every migration is applied yet the query failed: schema.ts is ahead of the migrations.
  return {
    summary: `Reading the guestbook failed (${input.queryError}) although every migration is applied — src/db/schema.ts probably changed without a migration.`,
    fix: "npm run db:change -- --name <what_changed>",
  };
}

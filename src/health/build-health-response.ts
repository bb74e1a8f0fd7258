import type { HealthResponse } from "./health-response";

/** What the worker learned from D1's `d1_migrations` table. */
export type DatabaseProbe =
  | { reachable: true; appliedMigrations: readonly string[] }
  | { reachable: false; error: string };

export type HealthInput = {
  version: string;
  database: DatabaseProbe;
  /** Migration file names in the repo (e.g. "0000_create_notes.sql"), oldest first. */
  repoMigrations: readonly string[];
  now: Date;
};

export type HealthResult = { httpStatus: 200 | 503; body: HealthResponse };

/**
 * Decides the health verdict. 200 only when D1 answered and every repo
 * migration is applied; applied migrations unknown to this build (a newer
 * migration followed by a rollback of the code) do not make it unhealthy.
 */
export function buildHealthResponse(input: HealthInput): HealthResult {
  const version = input.version.trim() || "dev";
  const checkedAt = input.now.toISOString();

  if (!input.database.reachable) {
    return {
      httpStatus: 503,
      body: {
        status: "error",
        version,
        database: {
          reachable: false,
          latestMigration: null,
          pendingMigrations: [...input.repoMigrations],
          error: input.database.error,
        },
        checkedAt,
      },
    };
  }

  const applied = input.database.appliedMigrations;
  const appliedSet = new Set(applied);
  const pendingMigrations = input.repoMigrations.filter(
    (name) => !appliedSet.has(name),
  );
  const ok = pendingMigrations.length === 0;
  return {
    httpStatus: ok ? 200 : 503,
    body: {
      status: ok ? "ok" : "error",
      version,
      database: {
        reachable: true,
        latestMigration: applied.at(-1) ?? null,
        pendingMigrations,
      },
      checkedAt,
    },
  };
}
